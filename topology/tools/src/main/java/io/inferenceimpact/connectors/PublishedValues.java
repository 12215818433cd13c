package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers what was last published per zone and valid_from, so that a poll that brings nothing new
 * publishes nothing. A value is new when its intensity, estimated flag or forecast differs from
 * what was published for the same zone and valid_from (a UK actual superseding its forecast is
 * new). Bounded: the oldest intervals of a zone are forgotten first.
 */
final class PublishedValues {
  private static final int MAX_INTERVALS_PER_ZONE = 1024;

  private record Fingerprint(double gramsPerKwh, boolean estimated, List<ForecastPoint> forecast) {}

  private final Map<String, LinkedHashMap<Long, Fingerprint>> byZone = new HashMap<>();

  synchronized boolean isNew(final GridIntensity value) {
    final Map<Long, Fingerprint> zone = byZone.get(value.getZone());
    return zone == null
        || !fingerprint(value).equals(zone.get(value.getValidFrom().toEpochMilli()));
  }

  synchronized void remember(final GridIntensity value) {
    byZone
        .computeIfAbsent(
            value.getZone(),
            z ->
                new LinkedHashMap<>() {
                  @Override
                  protected boolean removeEldestEntry(final Map.Entry<Long, Fingerprint> eldest) {
                    return size() > MAX_INTERVALS_PER_ZONE;
                  }
                })
        .put(value.getValidFrom().toEpochMilli(), fingerprint(value));
  }

  private static Fingerprint fingerprint(final GridIntensity value) {
    return new Fingerprint(
        value.getIntensityGPerKwh(), value.getEstimated(), List.copyOf(value.getForecast()));
  }
}
