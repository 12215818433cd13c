package io.inferenceimpact.metrics;

import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grid meters (docs/METRICS.md, "Grid"): per zone, the newest intensity value (by valid-from;
 * an older value arriving later does not replace it), its forecast at fixed horizons (a horizon the
 * newest forecast does not reach has no series), when it became valid, and how many values arrived
 * per source. When a zone's source changes, the gauge of the previous source is removed, so that
 * one zone shows one current intensity.
 */
final class GridMeters {
  /** Forecast horizons of {@code impact_grid_intensity_forecast_grams_per_kwh}. */
  static final List<Duration> HORIZONS =
      List.of(
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofHours(24));

  /**
   * A forecast point stands for the hour from its start (hourly forecasts: Electricity Maps, UK
   * Carbon Intensity half-hourly, WattTime 5-minute); a horizon past the last point's hour has no
   * value.
   */
  private static final Duration POINT_SPAN = Duration.ofHours(1);

  private static final int MAX_SOURCES = 20;

  private final MeterRegistry registry;
  private final BoundedLabel zones;
  private final BoundedLabel sources = new BoundedLabel(MAX_SOURCES);
  private final Map<String, Zone> byZone = new ConcurrentHashMap<>();
  private final Map<Tags, Counter> updates = new ConcurrentHashMap<>();

  GridMeters(final MeterRegistry registry, final BoundedLabel zones) {
    this.registry = registry;
    this.zones = zones;
  }

  void update(final GridIntensity intensity) {
    final String zone = zones.of(intensity.getZone());
    final String source = sources.of(intensity.getSource());
    final Tags tags = Tags.of("zone", zone, "source", source);
    updates
        .computeIfAbsent(
            tags,
            t ->
                Counter.builder("impact.grid.updates")
                    .description(MeterHelp.of("impact.grid.updates"))
                    .tags(t)
                    .register(registry))
        .increment();
    byZone.computeIfAbsent(zone, this::register).update(intensity, source);
  }

  private Zone register(final String zone) {
    return new Zone(zone);
  }

  /**
   * One zone's newest value; written under its lock, read by scrapes without. A series exists only
   * while it has a value: the zone's gauges appear with its first value, and a forecast horizon's
   * gauge only while the newest forecast reaches it, so that no series reads NaN.
   */
  private final class Zone {
    private final String zone;
    private volatile double[] forecast = noForecast();
    private final Meter[] forecastGauges = new Meter[HORIZONS.size()];
    private volatile double intensity;
    private volatile double validFromSeconds;
    private long validFromMillis = Long.MIN_VALUE;
    private Meter intensityGauge;
    private Meter validFromGauge;

    Zone(final String zone) {
      this.zone = zone;
    }

    synchronized void update(final GridIntensity value, final String source) {
      final Instant validFrom = value.getValidFrom();
      if (validFrom == null || validFrom.toEpochMilli() < validFromMillis) {
        return;
      }
      validFromMillis = validFrom.toEpochMilli();
      intensity = value.getIntensityGPerKwh();
      validFromSeconds = validFromMillis / 1000.0;
      if (validFromGauge == null) {
        validFromGauge =
            Gauge.builder(
                    "impact.grid.intensity.valid.from.timestamp.seconds",
                    this,
                    z -> z.validFromSeconds)
                .description(MeterHelp.of("impact.grid.intensity.valid.from.timestamp.seconds"))
                .tags("zone", zone)
                .register(registry);
      }
      updateForecast(value.getForecast(), validFrom);
      final Tags tags = Tags.of("zone", zone, "source", source);
      if (intensityGauge == null
          || !intensityGauge.getId().getTags().equals(tags.stream().toList())) {
        if (intensityGauge != null) {
          registry.remove(intensityGauge);
        }
        intensityGauge =
            Gauge.builder("impact.grid.intensity.grams.per.kwh", this, z -> z.intensity)
                .description(MeterHelp.of("impact.grid.intensity.grams.per.kwh"))
                .tags(tags)
                .register(registry);
      }
    }

    /** Removes the horizons the new forecast does not reach, then shows the ones it reaches. */
    private void updateForecast(final List<ForecastPoint> points, final Instant validFrom) {
      final double[] atHorizons = noForecast();
      for (int i = 0; i < HORIZONS.size(); i++) {
        atHorizons[i] = forecastAt(points, validFrom.plus(HORIZONS.get(i)));
        if (Double.isNaN(atHorizons[i]) && forecastGauges[i] != null) {
          registry.remove(forecastGauges[i]);
          forecastGauges[i] = null;
        }
      }
      forecast = atHorizons;
      for (int i = 0; i < HORIZONS.size(); i++) {
        if (!Double.isNaN(atHorizons[i]) && forecastGauges[i] == null) {
          final int index = i;
          forecastGauges[i] =
              Gauge.builder(
                      "impact.grid.intensity.forecast.grams.per.kwh", this, z -> z.forecast[index])
                  .description(MeterHelp.of("impact.grid.intensity.forecast.grams.per.kwh"))
                  .tags("zone", zone, "horizon", HORIZONS.get(i).toHours() + "h")
                  .register(registry);
        }
      }
    }
  }

  private static double[] noForecast() {
    final double[] values = new double[HORIZONS.size()];
    Arrays.fill(values, Double.NaN);
    return values;
  }

  /** The forecast value in effect at {@code at}, or NaN when the forecast does not reach it. */
  static double forecastAt(final List<ForecastPoint> points, final Instant at) {
    double value = Double.NaN;
    if (points == null) {
      return value;
    }
    for (final ForecastPoint point : points) {
      final Instant from = point == null ? null : point.getValidFrom();
      if (from == null || from.isAfter(at)) {
        continue;
      }
      if (at.isBefore(from.plus(POINT_SPAN))) {
        value = point.getIntensityGPerKwh();
      }
    }
    return value;
  }
}
