package io.inferenceimpact.topology.estimation;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Rate limit for the "unknown model" log line: at most once per model per {@link #INTERVAL}, over
 * all tasks and threads of one topology (the counter counts every request; the log only names the
 * model). Times are the caller's wall clock in millis, so that tests can drive it.
 */
final class UnknownModelLog {
  static final Duration INTERVAL = Duration.ofMinutes(10);

  private final ConcurrentMap<String, Long> lastLoggedMillis = new ConcurrentHashMap<>();

  /** Whether to log the model now; if so, the model's next line is due an interval later. */
  boolean shouldLog(final String model, final long nowMillis) {
    final String key = model == null ? "" : model;
    final boolean[] due = {false};
    lastLoggedMillis.compute(
        key,
        (k, last) -> {
          if (last == null || nowMillis - last >= INTERVAL.toMillis()) {
            due[0] = true;
            return nowMillis;
          }
          return last;
        });
    return due[0];
  }
}
