package io.inferenceimpact.connectors;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs connector failures without flooding: the first failure of a zone at WARN, then at most one
 * line per interval with the number of failures in between, and one INFO line when it recovers.
 */
final class FailureLog {
  private record State(long lastLoggedMillis, int suppressed) {}

  private final Logger log;
  private final long intervalMillis;
  private final Map<String, State> failing = new HashMap<>();

  FailureLog(final Logger log, final Duration interval) {
    this.log = log;
    this.intervalMillis = interval.toMillis();
  }

  synchronized void failed(final String zone, final long nowMillis, final Exception e) {
    final State state = failing.get(zone);
    if (state == null || nowMillis - state.lastLoggedMillis() >= intervalMillis) {
      final String repeats =
          state == null || state.suppressed() == 0
              ? ""
              : " (" + state.suppressed() + " more failures since the last message)";
      log.warn("zone {}: poll failed: {}{}", zone, e.getMessage(), repeats);
      failing.put(zone, new State(nowMillis, 0));
    } else {
      failing.put(zone, new State(state.lastLoggedMillis(), state.suppressed() + 1));
    }
  }

  synchronized void succeeded(final String zone) {
    if (failing.remove(zone) != null) {
      log.info("zone {}: polling works again", zone);
    }
  }
}
