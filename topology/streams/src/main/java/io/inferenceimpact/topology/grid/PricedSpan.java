package io.inferenceimpact.topology.grid;

/**
 * The time whose energy an intensity prices: the half-open interval {@code [fromMillis, toMillis)}.
 * With {@code evenPower} the energy is taken as spread evenly over it, and each value valid during
 * it prices its part (a time-weighted mean); otherwise one value prices it all, the one valid at
 * its last instant ({@code toMillis - 1}, or {@code toMillis} for an empty span), so that energy
 * ending exactly when a new value becomes valid takes the earlier value.
 *
 * @param fromMillis start, epoch millis
 * @param toMillis end (exclusive), epoch millis
 * @param evenPower whether to weight the values valid during the span by their time in it
 */
public record PricedSpan(long fromMillis, long toMillis, boolean evenPower) {

  /** The instant {@code atMillis}, priced by the value valid then. */
  public static PricedSpan at(final long atMillis) {
    return new PricedSpan(atMillis, atMillis, false);
  }

  /** The instant whose valid value prices the span's end: its last millisecond. */
  long lastInstantMillis() {
    return toMillis > fromMillis ? toMillis - 1 : toMillis;
  }
}
