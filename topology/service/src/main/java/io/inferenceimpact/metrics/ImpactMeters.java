package io.inferenceimpact.metrics;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.MetricsSettings;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own metrics, named as in docs/METRICS.md, fed by the topology's observer calls
 * on the stream threads. Model, zone and tenant labels are bounded by the {@code metrics} settings
 * (later values become {@code other}). Never throws into the topology: a record the meters cannot
 * read is skipped, and the first such failure is logged.
 */
public final class ImpactMeters implements TopologyObserver {
  private static final Logger LOG = LoggerFactory.getLogger(ImpactMeters.class);
  private static final int MAX_DLQ_LABEL_VALUES = 50;

  private final MeterRegistry registry;
  private final RequestMeters requests;
  private final LiveRates liveRates;
  private final GridMeters grid;
  private final AlertMeters alerts;
  private final BoundedLabel models;
  private final BoundedLabel zones;
  private final BoundedLabel dlqReasons = new BoundedLabel(MAX_DLQ_LABEL_VALUES);
  private final BoundedLabel dlqTopics = new BoundedLabel(MAX_DLQ_LABEL_VALUES);
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  public ImpactMeters(final PrometheusMeterRegistry registry, final MetricsSettings settings) {
    this(registry, registry, null, settings);
  }

  /**
   * Meters on {@code registry} (a composite of {@code prometheus} and the OTLP export), with the
   * per-request emissions histogram kept apart: a Prometheus client histogram on {@code prometheus}
   * and, when {@code otlp} is not null, a Micrometer summary of the same name on {@code otlp}
   * alone.
   */
  public ImpactMeters(
      final MeterRegistry registry,
      final PrometheusMeterRegistry prometheus,
      final MeterRegistry otlp,
      final MetricsSettings settings) {
    this.registry = registry;
    this.models = new BoundedLabel(settings.maxModels());
    this.zones = new BoundedLabel(settings.maxZones());
    this.requests = new RequestMeters(registry, prometheus, otlp, settings, models, zones);
    this.liveRates = new LiveRates(registry, models, zones);
    this.grid = new GridMeters(registry, zones);
    this.alerts = new AlertMeters(registry);
  }

  @Override
  public void requestImpact(final RequestImpact impact) {
    guarded("requestImpact", () -> requests.record(impact));
  }

  @Override
  public void idleEnergy(
      final String model,
      final String zone,
      final double facilityJoules,
      final double operationalGrams,
      final double embodiedGrams,
      final double waterLitres) {
    guarded(
        "idleEnergy",
        () -> requests.idle(model, zone, facilityJoules, operationalGrams, embodiedGrams));
  }

  @Override
  public void liveWindow(final ModelImpactWindow running) {
    guarded("liveWindow", () -> liveRates.update(running));
  }

  @Override
  public void finalWindow(final ModelImpactWindow window) {
    guarded(
        "finalWindow",
        () ->
            counter(
                    "impact.model.windows",
                    Tags.of(
                        "model", models.of(window.getModel()), "zone", zones.of(window.getZone())))
                .increment());
  }

  @Override
  public void gridIntensity(final GridIntensity intensity) {
    guarded("gridIntensity", () -> grid.update(intensity));
  }

  @Override
  public void deadLetter(final String reason, final String sourceTopic) {
    guarded(
        "deadLetter",
        () ->
            counter(
                    "impact.dlq.records",
                    Tags.of(
                        "reason", dlqReasons.of(reason), "source_topic", dlqTopics.of(sourceTopic)))
                .increment());
  }

  @Override
  public void alert(final ImpactAlert alert) {
    guarded("alert", () -> alerts.record(alert));
  }

  private Counter counter(final String name, final Tags tags) {
    return counters.computeIfAbsent(
        new CounterKey(name, tags),
        k -> Counter.builder(name).description(MeterHelp.of(name)).tags(tags).register(registry));
  }

  private void guarded(final String call, final Runnable update) {
    try {
      update.run();
    } catch (final RuntimeException | LinkageError e) {
      if (failureLogged.compareAndSet(false, true)) {
        LOG.warn(
            "Metrics skipped a record they cannot read ({}); further ones are not logged", call, e);
      }
    }
  }

  private record CounterKey(String name, Tags tags) {}
}
