package io.inferenceimpact.connectors;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Maps "now" onto a recorded series by a whole number of weeks, so that the replayed hour has the
 * same weekday and hour of day as now and lies near the same date of the recorded year (weekday
 * demand and solar noon line up). The shift is the whole-week count closest to the whole-year
 * distance between now and the series' year, moved by a week where that lands outside the series.
 */
public final class SeriesTimeShift {
  private static final Duration WEEK = Duration.ofDays(7);

  private SeriesTimeShift() {}

  /** How far back from {@code now} the series' matching hour lies. */
  public static Duration shift(
      final Instant now, final Instant seriesStart, final Instant seriesEnd) {
    final int years =
        now.atZone(ZoneOffset.UTC).getYear() - seriesStart.atZone(ZoneOffset.UTC).getYear();
    final Instant sameDate = now.atZone(ZoneOffset.UTC).minusYears(years).toInstant();
    long weeks = Math.round(Duration.between(sameDate, now).toHours() / (7.0 * 24));
    while (now.minus(WEEK.multipliedBy(weeks)).compareTo(seriesEnd) >= 0) {
      weeks++;
    }
    while (now.minus(WEEK.multipliedBy(weeks)).isBefore(seriesStart)) {
      weeks--;
    }
    return WEEK.multipliedBy(weeks);
  }
}
