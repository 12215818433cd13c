package io.inferenceimpact.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What happens when a stream thread dies of an exception that no handler took (bad records never
 * get here: they go to the DLQ). A thread is replaced, so that a passing fault (a registry or
 * broker outage) heals by itself with exactly-once state intact; when threads keep dying — more
 * than {@code maxFailures} within {@code window} — the fault is not passing, and the whole client
 * shuts down so that the process exits non-zero and its supervisor (Kubernetes, systemd) takes
 * over.
 */
public final class ThreadFailurePolicy {
  private final int maxFailures;
  private final long windowMillis;
  private final Deque<Long> failures = new ArrayDeque<>();

  public ThreadFailurePolicy(final int maxFailures, final Duration window) {
    if (maxFailures < 0) {
      throw new IllegalArgumentException("maxFailures must be >= 0, was " + maxFailures);
    }
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
  }

  /** The response to a failure seen at {@code nowMillis}. */
  public synchronized StreamThreadExceptionResponse onFailure(final long nowMillis) {
    failures.addLast(nowMillis);
    while (!failures.isEmpty() && failures.peekFirst() <= nowMillis - windowMillis) {
      failures.removeFirst();
    }
    return failures.size() > maxFailures
        ? StreamThreadExceptionResponse.SHUTDOWN_CLIENT
        : StreamThreadExceptionResponse.REPLACE_THREAD;
  }
}
