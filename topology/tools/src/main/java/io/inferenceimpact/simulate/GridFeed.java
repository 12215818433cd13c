package io.inferenceimpact.simulate;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GridIntensity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes each zone's grid intensity: at the start, at every simulated hour, and when the
 * scenario's dirty-grid episode starts or ends in the dirty zone (those values are marked
 * estimated, method "scenario", so nobody mistakes them for data).
 */
final class GridFeed {
  private final GridSeries series;
  private final List<String> zones;
  private final String dirtyZone;
  private final Scenario scenario;
  private final Map<String, Boolean> wasDirty = new HashMap<>();
  private long lastHour = Long.MIN_VALUE;

  GridFeed(
      final GridSeries series,
      final List<String> zones,
      final String dirtyZone,
      final Scenario scenario) {
    this.series = series;
    this.zones = zones;
    this.dirtyZone = dirtyZone;
    this.scenario = scenario;
  }

  /** Emits what changed at {@code millis} ({@code offsetMillis} after the start). */
  void emit(final long millis, final long offsetMillis, final SimulationSink sink) {
    final long hour = Math.floorDiv(millis, 3_600_000L);
    final boolean newHour = hour != lastHour;
    lastHour = hour;
    for (final String zone : zones) {
      final boolean dirty = zone.equals(dirtyZone) && scenario.dirty(offsetMillis);
      final Boolean before = wasDirty.put(zone, dirty);
      if (newHour || before == null || before != dirty) {
        final long validFrom =
            before == null || (newHour && before == dirty) ? hour * 3_600_000L : millis;
        sink.grid(record(zone, validFrom, hour, dirty));
      }
    }
  }

  private GridIntensity record(
      final String zone, final long validFromMillis, final long hour, final boolean dirty) {
    final GridSeries.Point point = series.at(zone, Instant.ofEpochMilli(validFromMillis));
    final double intensity =
        dirty
            ? Math.max(scenario.dirtyGridGramsPerKwh(), 2.0 * point.intensityGramsPerKwh())
            : point.intensityGramsPerKwh();
    return GridIntensity.newBuilder()
        .setZone(zone)
        .setValidFrom(Instant.ofEpochMilli(validFromMillis))
        .setValidTo(Instant.ofEpochMilli((hour + 1) * 3_600_000L))
        .setIntensityGPerKwh(intensity)
        .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
        .setEstimated(dirty || point.estimated())
        .setEstimationMethod(dirty ? "scenario" : null)
        .setSource(series.source())
        .setUpdatedAt(null)
        .build();
  }
}
