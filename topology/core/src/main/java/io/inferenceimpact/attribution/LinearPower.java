package io.inferenceimpact.attribution;

/**
 * The power shape inside one sample interval: power moves linearly from the reading at its start to
 * the reading at its end. Only the shape is used, never the absolute level: the interval's energy
 * comes from the counter or the trapezoid, and the shape says how it is spread over time.
 */
final class LinearPower {

  private LinearPower() {}

  /** Power at {@code timeMillis} on the line through (start, startWatts) and (end, endWatts). */
  static double wattsAt(
      final long startMillis,
      final long endMillis,
      final double startWatts,
      final double endWatts,
      final long timeMillis) {
    if (timeMillis == startMillis) {
      return startWatts;
    }
    if (timeMillis == endMillis) {
      return endWatts;
    }
    return startWatts
        + (endWatts - startWatts)
            * ((double) (timeMillis - startMillis) / (endMillis - startMillis));
  }

  /**
   * The part of the interval's energy that falls in {@code [fromMillis, toMillis)} (inside the
   * interval): the integral of the line over it divided by the integral over the whole interval.
   * When both readings are 0 the shape says nothing and the energy is spread evenly.
   */
  static double fraction(
      final long startMillis,
      final long endMillis,
      final double startWatts,
      final double endWatts,
      final long fromMillis,
      final long toMillis) {
    final long length = endMillis - startMillis;
    if (fromMillis == startMillis && toMillis == endMillis) {
      return 1.0;
    }
    final double total = startWatts + endWatts;
    if (!(total > 0)) {
      return (double) (toMillis - fromMillis) / length;
    }
    final double from = wattsAt(startMillis, endMillis, startWatts, endWatts, fromMillis);
    final double to = wattsAt(startMillis, endMillis, startWatts, endWatts, toMillis);
    return Math.max(0.0, (toMillis - fromMillis) * (from + to) / (length * total));
  }
}
