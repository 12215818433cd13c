package io.inferenceimpact.attribution;

/**
 * A request as attribution sees it on one GPU: its identity, model, time span and size.
 *
 * <p>{@code gpuCount} is informational here: a request spread over n GPUs (tensor or pipeline
 * parallel) is attributed independently on each of its GPUs from that GPU's own measurement, and
 * its total energy is the sum of its shares on all of them, so the count never scales a share.
 *
 * @param requestId request id, unique per request
 * @param model served model name
 * @param startMillis request start, epoch millis
 * @param endMillis request end, epoch millis, {@code >= startMillis}
 * @param tokens tokens processed (used by {@link AttributionMode#TOKEN_WEIGHTED})
 * @param gpuCount number of GPUs the request spans, {@code >= 1}
 */
public record ActiveRequest(
    String requestId, String model, long startMillis, long endMillis, long tokens, int gpuCount) {

  public ActiveRequest {
    if (requestId == null || model == null) {
      throw new IllegalArgumentException("requestId and model are required");
    }
    if (endMillis < startMillis) {
      throw new IllegalArgumentException("request " + requestId + " ends before it starts");
    }
    if (tokens < 0 || gpuCount < 1) {
      throw new IllegalArgumentException(
          "request " + requestId + ": tokens >= 0 and gpuCount >= 1");
    }
  }

  /** Milliseconds of this request inside {@code [fromMillis, toMillis)}, 0 when disjoint. */
  public long overlapMillis(final long fromMillis, final long toMillis) {
    return Math.max(0, Math.min(endMillis, toMillis) - Math.max(startMillis, fromMillis));
  }

  public long durationMillis() {
    return endMillis - startMillis;
  }
}
