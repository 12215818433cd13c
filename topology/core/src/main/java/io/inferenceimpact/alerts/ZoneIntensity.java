package io.inferenceimpact.alerts;

import java.util.List;

/**
 * A zone's latest grid intensity, its forecast, and what the zone's previous value forecast for the
 * time of this one (null if it did not), for the "above its forecast band" test.
 *
 * @param forecast points after {@code validFromMillis}, in time order
 */
public record ZoneIntensity(
    double gramsPerKwh, long validFromMillis, List<Point> forecast, Double forecastForNow) {

  /** One forecast point. */
  public record Point(long validFromMillis, double gramsPerKwh) {}

  public ZoneIntensity {
    forecast = forecast == null ? List.of() : List.copyOf(forecast);
  }

  /** What this value's forecast says for {@code atMillis}, or null when it says nothing. */
  public Double forecastAt(final long atMillis) {
    Double value = null;
    for (final Point p : forecast) {
      if (p.validFromMillis() <= atMillis) {
        value = p.gramsPerKwh();
      }
    }
    return value;
  }

  /**
   * The cleanest intensity this zone offers from {@code nowMillis} to {@code nowMillis + ahead}:
   * now, or at a forecast point in that span, with the time it applies from.
   */
  public Point cleanestWithin(final long nowMillis, final long aheadMillis) {
    Point best = new Point(nowMillis, gramsPerKwh);
    for (final Point p : forecast) {
      if (p.validFromMillis() > nowMillis
          && p.validFromMillis() <= nowMillis + aheadMillis
          && p.gramsPerKwh() < best.gramsPerKwh()) {
        best = p;
      }
    }
    return best;
  }
}
