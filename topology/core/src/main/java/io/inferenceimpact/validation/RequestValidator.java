package io.inferenceimpact.validation;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.IngestSettings;
import java.util.Optional;

/**
 * The rules a finished request must obey before any energy is attributed to it: an id and a model,
 * token counts neither negative nor absurd, an end not before its start, a duration and times
 * within the configured limits.
 */
public final class RequestValidator implements Validator<InferenceRequest> {
  /**
   * More GPUs than any one request spans: the largest NVLink domain has 72 (GB200 NVL72) and wide
   * expert-parallel deployments use a few nodes of 8; a longer list would fan one record out to as
   * many attribution keys.
   */
  public static final int MAX_GPUS = 256;

  private final long maxFutureSkewMillis;
  private final long minEventTimeMillis;
  private final long maxTokens;
  private final long maxDurationMillis;

  public RequestValidator(final IngestSettings limits) {
    this.maxFutureSkewMillis = limits.maxFutureSkew().toMillis();
    this.minEventTimeMillis = limits.minEventTime().toEpochMilli();
    this.maxTokens = limits.maxTokens();
    this.maxDurationMillis = limits.maxRequestDuration().toMillis();
  }

  @Override
  public Optional<DlqReason> check(final InferenceRequest r, final long nowMillis) {
    if (isBlank(r.getRequestId())) {
      return Optional.of(DlqReason.MISSING_ID);
    }
    if (isBlank(r.getModel())) {
      return Optional.of(DlqReason.EMPTY_MODEL);
    }
    if (r.getGpuUuids().size() > MAX_GPUS
        || r.getGpuUuids().stream().anyMatch(RequestValidator::isBlank)) {
      return Optional.of(DlqReason.INVALID_GPUS);
    }
    final long cached = r.getCachedInputTokens() == null ? 0 : r.getCachedInputTokens();
    if (r.getInputTokens() < 0 || r.getOutputTokens() < 0 || cached < 0) {
      return Optional.of(DlqReason.NEGATIVE_TOKENS);
    }
    if (r.getInputTokens() > maxTokens || r.getOutputTokens() > maxTokens || cached > maxTokens) {
      return Optional.of(DlqReason.ABSURD_TOKENS);
    }
    final long start = r.getStartTime().toEpochMilli();
    final long end = r.getEndTime().toEpochMilli();
    if (end < start) {
      return Optional.of(DlqReason.END_BEFORE_START);
    }
    if (start < minEventTimeMillis) {
      return Optional.of(DlqReason.TOO_OLD);
    }
    if (end > nowMillis + maxFutureSkewMillis) {
      return Optional.of(DlqReason.FUTURE_TIME);
    }
    // Both times lie in [minEventTime, now + skew] here, so the subtraction cannot overflow.
    if (end - start > maxDurationMillis) {
      return Optional.of(DlqReason.ABSURD_DURATION);
    }
    return Optional.empty();
  }

  private static boolean isBlank(final String s) {
    return s == null || s.isBlank();
  }
}
