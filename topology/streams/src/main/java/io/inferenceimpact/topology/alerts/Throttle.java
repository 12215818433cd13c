package io.inferenceimpact.topology.alerts;

import java.util.HashMap;
import java.util.Map;

/**
 * Lets one sign per key through every {@code everyMillis} of event time, so that per-request and
 * per-sample inputs reach the alert rules as a trickle. In memory: after a restart a key's first
 * sign passes again, which only repeats a sign. Shared by the stream threads, hence synchronized.
 */
final class Throttle {
  private final long everyMillis;
  private final Map<String, Long> lastPassed = new HashMap<>();

  Throttle(final long everyMillis) {
    this.everyMillis = everyMillis;
  }

  synchronized boolean pass(final String key, final long atMillis) {
    final Long last = lastPassed.get(key);
    if (last != null && atMillis < last + everyMillis) {
      return false;
    }
    lastPassed.put(key, atMillis);
    return true;
  }
}
