package io.inferenceimpact.metrics;

import io.inferenceimpact.avro.ModelImpactWindow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The live per-model rate gauges (docs/METRICS.md, "Live per-model rates"): per model and zone, the
 * rates of the newest open window, updated each time its running aggregate changes. An update for
 * an older window than the one shown (a late record on another task) is ignored. A rate the window
 * cannot give yet (no output tokens, no requests) keeps its previous value; a gauge appears with
 * its first value, so that no series reads NaN.
 */
final class LiveRates {
  private final MeterRegistry registry;
  private final BoundedLabel models;
  private final BoundedLabel zones;
  private final Map<Tags, Rates> byModelZone = new ConcurrentHashMap<>();

  LiveRates(final MeterRegistry registry, final BoundedLabel models, final BoundedLabel zones) {
    this.registry = registry;
    this.models = models;
    this.zones = zones;
  }

  void update(final ModelImpactWindow running) {
    if (running.getTenant() != null) {
      return; // the gauges are per model and zone; tenant windows would overwrite them
    }
    final Tags tags =
        Tags.of("model", models.of(running.getModel()), "zone", zones.of(running.getZone()));
    byModelZone.computeIfAbsent(tags, t -> new Rates()).update(running, tags);
  }

  /** The gauges of one model and zone, each with the value it reads. */
  private static final Map<String, ToDoubleFunction<Rates>> GAUGES =
      Map.of(
          "impact.model.wh.per.1k.output.tokens", r -> r.whPer1kOutputTokens,
          "impact.model.emissions.grams.per.1k.output.tokens", r -> r.gramsPer1kOutputTokens,
          "impact.model.emissions.grams.per.request", r -> r.gramsPerRequest,
          "impact.model.emissions.grams.per.hour", r -> r.gramsPerHour,
          "impact.model.window.end.timestamp.seconds", r -> r.windowEndSeconds);

  /**
   * The values one model and zone shows; written under its own lock, read without. A value once set
   * stays finite, so a gauge registered on its first value never reads NaN.
   */
  private final class Rates {
    private final Set<String> registered = new HashSet<>();

    private volatile double whPer1kOutputTokens = Double.NaN;
    private volatile double gramsPer1kOutputTokens = Double.NaN;
    private volatile double gramsPerRequest = Double.NaN;
    private volatile double gramsPerHour = Double.NaN;
    private volatile double windowEndSeconds = Double.NaN;
    private long windowEndMillis = Long.MIN_VALUE;

    synchronized void update(final ModelImpactWindow running, final Tags tags) {
      final Long end =
          running.getWindowEnd() == null ? null : running.getWindowEnd().toEpochMilli();
      if (end == null || end < windowEndMillis) {
        return;
      }
      windowEndMillis = end;
      windowEndSeconds = end / 1000.0;
      whPer1kOutputTokens = orPrevious(running.getWhPer1kOutputTokens(), whPer1kOutputTokens);
      gramsPer1kOutputTokens =
          orPrevious(running.getEmissionsGramsPer1kOutputTokens(), gramsPer1kOutputTokens);
      gramsPerRequest = orPrevious(running.getEmissionsGramsPerRequest(), gramsPerRequest);
      gramsPerHour = orPrevious(running.getEmissionsGramsPerHour(), gramsPerHour);
      GAUGES.forEach(
          (name, value) -> {
            if (!registered.contains(name) && !Double.isNaN(value.applyAsDouble(this))) {
              // The map holds the Rates strongly; the registry's weak reference stays valid.
              Gauge.builder(name, this, value)
                  .description(MeterHelp.of(name))
                  .tags(tags)
                  .register(registry);
              registered.add(name);
            }
          });
    }

    private static double orPrevious(final Double value, final double previous) {
      return value == null || !Double.isFinite(value) ? previous : value;
    }
  }
}
