package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.config.ZoneSettings;
import java.util.List;

/**
 * The one rule that turns "the live value of a zone as of a time" (or none) into the intensity to
 * apply: the live value when it is at most {@code zones.stalenessLimit} older than the energy, else
 * the zone's annual factor ({@code FALLBACK}), else the world's. Pure, so that every stage that
 * needs an intensity (per request here, idle energy in the windows) applies the same rule. Over
 * several intervals ({@link #resolve(String, List)}) each interval is resolved by this rule and the
 * intensities are weighted by the intervals' lengths.
 */
public final class GridLookup {
  public static final String FALLBACK_SOURCE = "FALLBACK";

  private final ZoneSettings zones;
  private final long stalenessMillis;

  public GridLookup(final ZoneSettings zones) {
    this.zones = zones;
    this.stalenessMillis = zones.stalenessLimit().toMillis();
  }

  /**
   * @param zone the energy's zone
   * @param timeMillis the energy's event time, epoch millis
   * @param live the zone's value valid at {@code timeMillis}, or null if there is none
   */
  public ResolvedIntensity resolve(
      final String zone, final long timeMillis, final GridIntensity live) {
    if (live != null) {
      final long validFrom = live.getValidFrom().toEpochMilli();
      if (timeMillis - validFrom <= stalenessMillis) {
        return new ResolvedIntensity(
            live.getIntensityGPerKwh(),
            live.getSource(),
            validFrom,
            ResolvedIntensity.Outcome.LIVE);
      }
    }
    if (!zones.hasFallback(zone)) {
      return new ResolvedIntensity(
          zones.worldFallbackGramsPerKwh(),
          FALLBACK_SOURCE,
          null,
          ResolvedIntensity.Outcome.UNKNOWN_ZONE);
    }
    return new ResolvedIntensity(
        zones.fallbackFor(zone),
        FALLBACK_SOURCE,
        null,
        live == null ? ResolvedIntensity.Outcome.MISSING : ResolvedIntensity.Outcome.STALE);
  }

  /**
   * The time-weighted intensity over consecutive intervals (oldest first; even power over them):
   * each interval resolved by {@link #resolve(String, long, GridIntensity)} as of its end. Source
   * and valid_from are those of the newest interval; the outcome is {@code LIVE} only if every
   * interval's is, else the first other outcome (newest first).
   */
  ResolvedIntensity resolve(final String zone, final List<AsOf.Interval> intervals) {
    final AsOf.Interval newest = intervals.get(intervals.size() - 1);
    final ResolvedIntensity last = resolve(zone, newest.toMillis(), newest.live());
    if (intervals.size() == 1) {
      return last;
    }
    double weighted = 0.0;
    long total = 0;
    ResolvedIntensity.Outcome outcome = ResolvedIntensity.Outcome.LIVE;
    for (int i = intervals.size() - 1; i >= 0; i--) {
      final AsOf.Interval interval = intervals.get(i);
      final ResolvedIntensity part = resolve(zone, interval.toMillis(), interval.live());
      final long length = interval.toMillis() - interval.fromMillis();
      weighted += part.gramsPerKwh() * length;
      total += length;
      if (outcome == ResolvedIntensity.Outcome.LIVE) {
        outcome = part.outcome();
      }
    }
    return new ResolvedIntensity(
        total == 0 ? last.gramsPerKwh() : weighted / total,
        last.source(),
        last.validFromMillis(),
        outcome);
  }
}
