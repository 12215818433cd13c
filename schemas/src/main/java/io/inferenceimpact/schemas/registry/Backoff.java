package io.inferenceimpact.schemas.registry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": before retry n (0-based) the wait is drawn uniformly
 * from [d/2, d] where d = min(max, initial · 2^n). The floor keeps retries spread out; the jitter
 * keeps many clients from retrying in lockstep.
 */
final class Backoff {

  private final long initialMs;
  private final long maxMs;

  Backoff(final long initialMs, final long maxMs) {
    this.initialMs = initialMs;
    this.maxMs = Math.max(initialMs, maxMs);
  }

  /** Wait before retry {@code retryIndex}, given a uniform random number in [0, 1). */
  long delayMillis(final int retryIndex, final double random01) {
    final int shift = Math.min(retryIndex, 30);
    final long ceiling = Math.min(maxMs, initialMs << shift);
    final long half = ceiling / 2;
    return half + (long) (random01 * (ceiling - half + 1));
  }

  long delayMillis(final int retryIndex) {
    return delayMillis(retryIndex, ThreadLocalRandom.current().nextDouble());
  }

  long maxMs() {
    return maxMs;
  }
}
