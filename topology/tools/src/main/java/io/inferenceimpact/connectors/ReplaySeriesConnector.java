package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays real recorded hourly series as if they were live, for the demo and offline runs (no
 * network): the value of the current hour is the recorded hour {@link SeriesTimeShift} whole weeks
 * back, published with valid_from = the current hour; the following recorded hours (up to the
 * horizon) become its forecast, so forecasts are "perfect" in replay. Lifecycle (LCA) values unless
 * direct is asked for; estimated and estimation method as recorded.
 */
public final class ReplaySeriesConnector implements GridConnector {
  public static final String NAME = "replay";

  private final Map<String, HourlySeries> seriesByZone;
  private final Clock clock;
  private final Duration forecastHorizon;
  private final EmissionFactorType type;

  public ReplaySeriesConnector(
      final Map<String, HourlySeries> seriesByZone,
      final Clock clock,
      final Duration forecastHorizon,
      final EmissionFactorType type) {
    seriesByZone.forEach(
        (zone, series) -> {
          if (series.size() < 24 * 7) {
            throw new IllegalArgumentException(zone + ": a replayed series needs at least a week");
          }
        });
    this.seriesByZone = Map.copyOf(seriesByZone);
    this.clock = clock;
    this.forecastHorizon = forecastHorizon;
    this.type = type;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<GridIntensity> poll(final String zone) {
    final HourlySeries series = seriesByZone.get(zone);
    if (series == null) {
      throw new GridSourceException(
          NAME,
          -1,
          "no recorded series for zone '" + zone + "' (have " + seriesByZone.keySet() + ")");
    }
    final Instant now = clock.instant();
    final Duration shift = SeriesTimeShift.shift(now, series.start(), series.end());
    final int index = series.indexOf(now.minus(shift));
    final HourlySeries.Hour hour = series.hour(index);
    final List<ForecastPoint> forecast = new ArrayList<>();
    final long horizonHours = forecastHorizon.toHours();
    for (int i = index + 1; i < series.size() && i <= index + horizonHours; i++) {
      final HourlySeries.Hour next = series.hour(i);
      forecast.add(new ForecastPoint(next.start().plus(shift), valueOf(next)));
    }
    final Instant validFrom = hour.start().plus(shift);
    return List.of(
        GridIntensity.newBuilder()
            .setZone(zone)
            .setValidFrom(validFrom)
            .setValidTo(validFrom.plusSeconds(3600))
            .setIntensityGPerKwh(valueOf(hour))
            .setEmissionFactorType(type)
            .setEstimated(hour.estimated())
            .setEstimationMethod(hour.estimationMethod())
            .setSource(NAME)
            .setForecast(forecast)
            .build());
  }

  private double valueOf(final HourlySeries.Hour hour) {
    final double value =
        type == EmissionFactorType.DIRECT ? hour.directGramsPerKwh() : hour.lifecycleGramsPerKwh();
    if (Double.isNaN(value)) {
      throw new GridSourceException(
          NAME, -1, "the series has no " + type + " value at " + hour.start());
    }
    return value;
  }
}
