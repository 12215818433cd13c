package io.inferenceimpact.topology.model;

import java.time.Duration;
import java.util.Optional;

/** The rules a finished request must obey before any energy is attributed to it. */
public final class RequestValidator implements Validator<RequestEvent> {
  private final long maxFutureSkewMillis;

  public RequestValidator(final Duration maxFutureSkew) {
    this.maxFutureSkewMillis = maxFutureSkew.toMillis();
  }

  @Override
  public Optional<DlqReason> check(final RequestEvent e, final long nowMillis) {
    if (isBlank(e.requestId())) {
      return Optional.of(DlqReason.MISSING_ID);
    }
    if (isBlank(e.model())) {
      return Optional.of(DlqReason.EMPTY_MODEL);
    }
    if (e.inputTokens() < 0 || e.outputTokens() < 0 || e.cachedTokens() < 0) {
      return Optional.of(DlqReason.NEGATIVE_TOKENS);
    }
    if (e.endTimeMillis() < e.startTimeMillis()) {
      return Optional.of(DlqReason.END_BEFORE_START);
    }
    if (e.endTimeMillis() > nowMillis + maxFutureSkewMillis) {
      return Optional.of(DlqReason.FUTURE_TIME);
    }
    return Optional.empty();
  }

  private static boolean isBlank(final String s) {
    return s == null || s.isBlank();
  }
}
