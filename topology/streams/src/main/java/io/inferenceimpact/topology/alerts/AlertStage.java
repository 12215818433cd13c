package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.AlertRule;
import io.inferenceimpact.alerts.AlertRules;
import io.inferenceimpact.alerts.BudgetBurnRule;
import io.inferenceimpact.alerts.DirtyGridRule;
import io.inferenceimpact.alerts.EfficiencyRule;
import io.inferenceimpact.alerts.StaleTelemetryRule;
import io.inferenceimpact.alerts.Subjects;
import io.inferenceimpact.alerts.ThresholdRule;
import io.inferenceimpact.alerts.ZoneIntensity;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.Zones;
import io.inferenceimpact.topology.support.JsonSerde;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 8: alerts on {@code impact.alerts.v1}, keyed {@code rule|subject} so that the compacted
 * topic holds the current state of every alert. Three evaluators, each with a persistent store
 * (changelogged, so an episode survives restarts and is not fired twice):
 *
 * <ul>
 *   <li>window rules (threshold, budget burn, efficiency regression) over the final model windows,
 *       routed per rule and subject through repartition topic {@code alerts-windows};
 *   <li>dirty grid over the validated grid values and throttled (model, zone) serving signs from
 *       the requests, all under one key on {@code alerts-grid};
 *   <li>stale telemetry over throttled request and GPU-sample beats per node on {@code
 *       alerts-telemetry}.
 * </ul>
 *
 * Each evaluator also runs on wall-clock punctuation ({@code alerts.evaluateEvery}), for conditions
 * that end or start without new input. Stages whose rule type has no rule are not built.
 */
public final class AlertStage {
  /** Event time between two signs of the same node, GPU or (model, zone). */
  static final long BEAT_MILLIS = 10_000L;

  private AlertStage() {}

  /** The validated inputs the rules read. */
  public record Inputs(
      KStream<String, InferenceRequest> requests,
      KStream<String, GpuSample> gpuSamples,
      KStream<String, GridIntensity> grid,
      KStream<String, ModelImpactWindow> modelWindows) {}

  /** Adds the stage; returns the alert records as they go to the alerts topic (may be null). */
  public static KStream<String, ImpactAlert> build(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final Inputs in,
      final TopologyObserver observer) {
    final AlertRules rules = config.alerts().rules();
    final Map<String, KStream<String, ImpactAlert>> outputs = new LinkedHashMap<>();
    final List<AlertRule> windowRules = new ArrayList<>();
    windowRules.addAll(rules.of(ThresholdRule.class));
    windowRules.addAll(rules.of(BudgetBurnRule.class));
    windowRules.addAll(rules.of(EfficiencyRule.class));
    if (!windowRules.isEmpty()) {
      outputs.put("windows", windowRules(builder, config, serdes, in.modelWindows(), windowRules));
    }
    if (!rules.of(DirtyGridRule.class).isEmpty()) {
      outputs.put("grid", gridRules(builder, config, in, rules.of(DirtyGridRule.class)));
    }
    if (!rules.of(StaleTelemetryRule.class).isEmpty()) {
      outputs.put(
          "telemetry", telemetryRules(builder, config, in, rules.of(StaleTelemetryRule.class)));
    }
    if (outputs.isEmpty()) {
      return null;
    }
    KStream<String, ImpactAlert> all = null;
    for (final Map.Entry<String, KStream<String, ImpactAlert>> out : outputs.entrySet()) {
      all =
          all == null
              ? out.getValue()
              : all.merge(out.getValue(), Named.as("alerts-merge-" + out.getKey()));
    }
    all.peek((key, alert) -> observer.alert(alert), Named.as("alerts-observe"))
        .to(
            Topics.from(config.topics()).alerts().name(),
            Produced.with(Serdes.String(), serdes.avro(ImpactAlert.class)).withName("alerts-sink"));
    return all;
  }

  private static KStream<String, ImpactAlert> windowRules(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final KStream<String, ModelImpactWindow> windows,
      final List<AlertRule> rules) {
    final Map<String, AlertRule> byName = new LinkedHashMap<>();
    rules.forEach(r -> byName.put(r.name(), r));
    builder.addStateStore(store(WindowRuleProcessor.STORE, new JsonSerde<>(WindowRuleState.class)));
    return windows
        .flatMap(
            (key, w) -> {
              final List<KeyValue<String, ModelImpactWindow>> routed = new ArrayList<>();
              for (final AlertRule rule : rules) {
                final String subject = subjectOf(rule, w);
                if (subject != null) {
                  routed.add(KeyValue.pair(Subjects.key(rule.name(), subject), w));
                }
              }
              return routed;
            },
            Named.as("alerts-windows-route"))
        .repartition(
            Repartitioned.with(Serdes.String(), serdes.avro(ModelImpactWindow.class))
                .withName("alerts-windows"))
        .process(
            () ->
                new WindowRuleProcessor(
                    byName,
                    config.alerts().evaluateEvery(),
                    config.windows().size(),
                    config.windows().grace()),
            Named.as("alerts-window-rules"),
            WindowRuleProcessor.STORE);
  }

  /** The subject a window counts for under the rule, or null if the rule does not watch it. */
  static String subjectOf(final AlertRule rule, final ModelImpactWindow w) {
    if (rule instanceof ThresholdRule t) {
      return t.watches(w)
          ? Subjects.of("model", w.getModel(), "zone", w.getZone(), "tenant", w.getTenant())
          : null;
    }
    if (rule instanceof BudgetBurnRule b) {
      return b.watches(w) ? b.subjectOf(w) : null;
    }
    if (rule instanceof EfficiencyRule e) {
      return e.watches(w) ? Subjects.of("model", w.getModel(), "zone", w.getZone()) : null;
    }
    return null;
  }

  private static KStream<String, ImpactAlert> gridRules(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final Inputs in,
      final List<DirtyGridRule> rules) {
    builder.addStateStore(store(GridRuleProcessor.STORE, new JsonSerde<>(GridRuleState.class)));
    final Throttle serving = new Throttle(BEAT_MILLIS);
    final KStream<String, GridEvent> servingSigns =
        in.requests()
            .flatMap(
                (key, r) -> {
                  final String zone = zoneOf(config, r);
                  final long at = r.getEndTime().toEpochMilli();
                  return serving.pass(r.getModel() + "|" + zone, at)
                      ? List.of(
                          KeyValue.pair(
                              GridRuleProcessor.KEY, new GridEvent(zone, at, null, r.getModel())))
                      : List.<KeyValue<String, GridEvent>>of();
                },
                Named.as("alerts-grid-serving"));
    final KStream<String, GridEvent> values =
        in.grid()
            .map(
                (key, g) ->
                    KeyValue.pair(
                        GridRuleProcessor.KEY,
                        new GridEvent(
                            g.getZone(), g.getValidFrom().toEpochMilli(), intensityOf(g), null)),
                Named.as("alerts-grid-values"));
    return servingSigns
        .merge(values, Named.as("alerts-grid-merge"))
        .repartition(
            Repartitioned.with(Serdes.String(), new JsonSerde<>(GridEvent.class))
                .withName("alerts-grid"))
        .process(
            () -> new GridRuleProcessor(rules, config.alerts().evaluateEvery()),
            Named.as("alerts-grid-rules"),
            GridRuleProcessor.STORE);
  }

  private static ZoneIntensity intensityOf(final GridIntensity g) {
    return new ZoneIntensity(
        g.getIntensityGPerKwh(),
        g.getValidFrom().toEpochMilli(),
        g.getForecast().stream()
            .map(
                p ->
                    new ZoneIntensity.Point(
                        p.getValidFrom().toEpochMilli(), p.getIntensityGPerKwh()))
            .toList(),
        null);
  }

  /** The zone of a request's energy, as the rest of the topology decides it. */
  static String zoneOf(final ImpactConfig config, final InferenceRequest r) {
    return Zones.zoneOf(config, r.getNode(), r.getZone());
  }

  private static KStream<String, ImpactAlert> telemetryRules(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final Inputs in,
      final List<StaleTelemetryRule> rules) {
    builder.addStateStore(
        store(TelemetryRuleProcessor.STORE, new JsonSerde<>(TelemetryState.class)));
    final Throttle requests = new Throttle(BEAT_MILLIS);
    final Throttle samples = new Throttle(BEAT_MILLIS);
    final KStream<String, TelemetryBeat> requestBeats =
        in.requests()
            .flatMap(
                (key, r) -> {
                  final long at = r.getEndTime().toEpochMilli();
                  return r.getNode() != null && requests.pass(r.getNode(), at)
                      ? List.of(
                          KeyValue.pair(r.getNode(), new TelemetryBeat(r.getNode(), false, at)))
                      : List.<KeyValue<String, TelemetryBeat>>of();
                },
                Named.as("alerts-telemetry-requests"));
    final KStream<String, TelemetryBeat> sampleBeats =
        in.gpuSamples()
            .flatMap(
                (key, s) -> {
                  final long at = s.getTime().toEpochMilli();
                  return s.getNode() != null && samples.pass(s.getGpuUuid(), at)
                      ? List.of(
                          KeyValue.pair(s.getNode(), new TelemetryBeat(s.getNode(), true, at)))
                      : List.<KeyValue<String, TelemetryBeat>>of();
                },
                Named.as("alerts-telemetry-samples"));
    return requestBeats
        .merge(sampleBeats, Named.as("alerts-telemetry-merge"))
        .repartition(
            Repartitioned.with(Serdes.String(), new JsonSerde<>(TelemetryBeat.class))
                .withName("alerts-telemetry"))
        .process(
            () -> new TelemetryRuleProcessor(rules, config.alerts().evaluateEvery()),
            Named.as("alerts-telemetry-rules"),
            TelemetryRuleProcessor.STORE);
  }

  private static <T> StoreBuilder<?> store(final String name, final Serde<T> serde) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), serde);
  }
}
