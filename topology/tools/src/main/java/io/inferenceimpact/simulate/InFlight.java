package io.inferenceimpact.simulate;

/**
 * A request being served: when it arrived, produced its first token and ends (epoch millis), its
 * token counts and its per-token latency, fixed at admission from the batch it joined.
 */
public record InFlight(
    String requestId,
    String tenant,
    String version,
    int batchAtAdmission,
    long arrivalMillis,
    long firstTokenMillis,
    long endMillis,
    int inputTokens,
    int outputTokens,
    double secondsPerToken) {

  /** True while the request generates output tokens at {@code millis}. */
  public boolean decodingAt(final long millis) {
    return millis >= firstTokenMillis && millis < endMillis;
  }

  public double timeToFirstTokenMillis() {
    return firstTokenMillis - arrivalMillis;
  }
}
