package io.inferenceimpact.alerts;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the dirty-grid rules know: each zone's latest intensity, and which zones served which model
 * lately (model → zone → event time of the last request seen there). Immutable.
 */
public record GridView(Map<String, ZoneIntensity> zones, Map<String, Map<String, Long>> serving) {
  public GridView {
    zones = new TreeMap<>(zones == null ? Map.of() : zones);
    final Map<String, Map<String, Long>> copy = new TreeMap<>();
    if (serving != null) {
      serving.forEach((m, z) -> copy.put(m, new TreeMap<>(z)));
    }
    serving = copy;
  }

  public static GridView empty() {
    return new GridView(Map.of(), Map.of());
  }

  /**
   * With a zone's new value; the previous value's forecast for the new value's time is kept. An
   * older value than the one held is ignored.
   */
  public GridView withIntensity(final String zone, final ZoneIntensity value) {
    final ZoneIntensity before = zones.get(zone);
    if (before != null && before.validFromMillis() > value.validFromMillis()) {
      return this;
    }
    final Double forecastForNow =
        before == null ? null : before.forecastAt(value.validFromMillis());
    final Map<String, ZoneIntensity> next = new TreeMap<>(zones);
    next.put(
        zone,
        new ZoneIntensity(
            value.gramsPerKwh(), value.validFromMillis(), value.forecast(), forecastForNow));
    return new GridView(next, serving);
  }

  /** With a request of {@code model} in {@code zone} at {@code atMillis}. */
  public GridView withServing(final String model, final String zone, final long atMillis) {
    final Map<String, Map<String, Long>> next = new TreeMap<>(serving);
    final Map<String, Long> zonesOfModel = new TreeMap<>(next.getOrDefault(model, Map.of()));
    zonesOfModel.merge(zone, atMillis, Math::max);
    next.put(model, zonesOfModel);
    return new GridView(zones, next);
  }

  /** Without serving entries older than {@code keepMillis} before {@code nowMillis}. */
  public GridView pruned(final long nowMillis, final long keepMillis) {
    final Map<String, Map<String, Long>> next = new TreeMap<>();
    serving.forEach(
        (model, byZone) -> {
          final Map<String, Long> kept = new TreeMap<>();
          byZone.forEach(
              (zone, at) -> {
                if (at >= nowMillis - keepMillis) {
                  kept.put(zone, at);
                }
              });
          if (!kept.isEmpty()) {
            next.put(model, kept);
          }
        });
    return new GridView(zones, next);
  }
}
