package io.inferenceimpact.alerts;

/**
 * What one node last sent: the event time of its last request and of its last GPU sample (null
 * before the first). Immutable.
 */
public record NodeWatch(Long lastRequestMillis, Long lastSampleMillis) {

  public static NodeWatch empty() {
    return new NodeWatch(null, null);
  }

  public NodeWatch request(final long atMillis) {
    return new NodeWatch(max(lastRequestMillis, atMillis), lastSampleMillis);
  }

  public NodeWatch sample(final long atMillis) {
    return new NodeWatch(lastRequestMillis, max(lastSampleMillis, atMillis));
  }

  /**
   * Breaching when the node, which has sent GPU samples before, still has requests within {@code
   * silentFor} but no sample for {@code silentFor}; clear otherwise (samples are back, or traffic
   * stopped). Observed: seconds since the last sample. A node that never sent samples is not
   * judged: it is estimated by design (no telemetry configured), not broken.
   */
  public Verdict verdict(final StaleTelemetryRule rule, final long nowMillis) {
    final double limitSeconds = rule.silentFor().toMillis() / 1000.0;
    if (lastSampleMillis == null || lastRequestMillis == null) {
      return new Verdict(false, true, 0.0, limitSeconds, "seconds");
    }
    final long silentMillis = nowMillis - lastSampleMillis;
    final boolean traffic = nowMillis - lastRequestMillis < rule.silentFor().toMillis();
    final boolean silent = silentMillis >= rule.silentFor().toMillis();
    return new Verdict(
        traffic && silent, !(traffic && silent), silentMillis / 1000.0, limitSeconds, "seconds");
  }

  private static Long max(final Long a, final long b) {
    return a == null ? b : Math.max(a, b);
  }
}
