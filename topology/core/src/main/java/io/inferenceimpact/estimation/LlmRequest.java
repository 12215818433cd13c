package io.inferenceimpact.estimation;

import java.util.OptionalDouble;

/**
 * What the LLM method needs of one request.
 *
 * @param outputTokens generated tokens, {@code >= 0} (0 when the producer did not report them)
 * @param measuredLatencySeconds end minus start as measured, if known; bounds the generation time
 */
public record LlmRequest(long outputTokens, OptionalDouble measuredLatencySeconds) {

  public LlmRequest {
    if (outputTokens < 0) {
      throw new IllegalArgumentException("outputTokens must be >= 0: " + outputTokens);
    }
    measuredLatencySeconds.ifPresent(
        s -> {
          if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("measured latency must be finite and >= 0: " + s);
          }
        });
  }

  public static LlmRequest of(final long outputTokens, final double measuredLatencySeconds) {
    return new LlmRequest(outputTokens, OptionalDouble.of(measuredLatencySeconds));
  }

  public static LlmRequest withoutLatency(final long outputTokens) {
    return new LlmRequest(outputTokens, OptionalDouble.empty());
  }
}
