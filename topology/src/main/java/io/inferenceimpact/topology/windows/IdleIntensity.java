package io.inferenceimpact.topology.windows;

import io.inferenceimpact.config.ZoneSettings;

/**
 * The grid carbon intensity applied to idle energy of a zone at a time, gCO2e/kWh. For now the
 * zone's static annual factor ({@link #fallback(ZoneSettings)}), as for measured requests; the grid
 * stage replaces it with an as-of lookup of live intensity.
 */
@FunctionalInterface
public interface IdleIntensity {

  double gramsPerKwh(String zone, long atMillis);

  /** The zone's configured annual factor, else the world's, whatever the time. */
  static IdleIntensity fallback(final ZoneSettings zones) {
    return (zone, atMillis) -> zones.fallbackFor(zone);
  }
}
