package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.config.ZoneSettings;

/**
 * The one rule that turns "the live value of a zone as of a time" (or none) into the intensity to
 * apply: the live value when it is at most {@code zones.stalenessLimit} older than the energy, else
 * the zone's annual factor ({@code FALLBACK}), else the world's. Pure, so that every stage that
 * needs an intensity (per request here, idle energy in the windows) applies the same rule.
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
}
