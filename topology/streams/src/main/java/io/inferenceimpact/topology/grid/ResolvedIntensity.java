package io.inferenceimpact.topology.grid;

/**
 * The carbon intensity applied to energy of one zone at one time, and where it came from.
 *
 * @param gramsPerKwh gCO2e per kWh
 * @param source the live value's source (e.g. {@code electricitymaps}), or {@value
 *     GridLookup#FALLBACK_SOURCE}
 * @param validFromMillis valid_from of the live value used, epoch millis; null for the fallback
 * @param outcome why this value was chosen
 */
public record ResolvedIntensity(
    double gramsPerKwh, String source, Long validFromMillis, Outcome outcome) {

  /** How the value was found. */
  public enum Outcome {
    /** A live value, valid at the energy's time and not older than the staleness limit. */
    LIVE,
    /** The live value was older than the staleness limit: the zone's annual factor. */
    STALE,
    /** No live value of the zone at that time: the zone's annual factor. */
    MISSING,
    /** Neither a usable live value nor an annual factor of the zone: the world's factor. */
    UNKNOWN_ZONE
  }

  public boolean isFallback() {
    return outcome != Outcome.LIVE;
  }
}
