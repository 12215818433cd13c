package io.inferenceimpact.topology.model;

import io.inferenceimpact.avro.InferenceRequest;
import java.time.Duration;
import java.util.Optional;

/** The rules a finished request must obey before any energy is attributed to it. */
public final class RequestValidator implements Validator<InferenceRequest> {
  private final long maxFutureSkewMillis;

  public RequestValidator(final Duration maxFutureSkew) {
    this.maxFutureSkewMillis = maxFutureSkew.toMillis();
  }

  @Override
  public Optional<DlqReason> check(final InferenceRequest r, final long nowMillis) {
    if (isBlank(r.getRequestId())) {
      return Optional.of(DlqReason.MISSING_ID);
    }
    if (isBlank(r.getModel())) {
      return Optional.of(DlqReason.EMPTY_MODEL);
    }
    final Long cached = r.getCachedInputTokens();
    if (r.getInputTokens() < 0 || r.getOutputTokens() < 0 || (cached != null && cached < 0)) {
      return Optional.of(DlqReason.NEGATIVE_TOKENS);
    }
    final long start = r.getStartTime().toEpochMilli();
    final long end = r.getEndTime().toEpochMilli();
    if (end < start) {
      return Optional.of(DlqReason.END_BEFORE_START);
    }
    if (end > nowMillis + maxFutureSkewMillis) {
      return Optional.of(DlqReason.FUTURE_TIME);
    }
    return Optional.empty();
  }

  private static boolean isBlank(final String s) {
    return s == null || s.isBlank();
  }
}
