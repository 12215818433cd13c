package io.inferenceimpact.connectors;

import java.time.Duration;

/**
 * How a connector talks to its API: timeouts, bounded retries with exponential backoff and jitter
 * on 5xx and timeouts, and the longest 429 Retry-After it is willing to wait.
 *
 * @param maxAttempts attempts per request, including the first
 * @param initialBackoff backoff before the second attempt; doubles each time
 * @param maxBackoff upper bound of one backoff
 * @param maxRetryAfter longer Retry-After values are cut to this
 * @param connectTimeout TCP connect limit
 * @param readTimeout limit for the whole response
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          4,
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(20));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
  }

  public RetryPolicy withTimeouts(final Duration connect, final Duration read) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, connect, read);
  }

  /** The backoff cap before attempt {@code attempt + 1} (attempt counts from 1). */
  Duration backoffCap(final int attempt) {
    final long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
