package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.AlertFacts;
import io.inferenceimpact.alerts.AlertTexts;
import io.inferenceimpact.alerts.Episode;
import io.inferenceimpact.alerts.Lifecycle;
import io.inferenceimpact.alerts.StaleTelemetryRule;
import io.inferenceimpact.alerts.Subjects;
import io.inferenceimpact.alerts.Verdict;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.topology.support.EventHorizon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates the stale-telemetry rules per node. Silence has no record of its own, so the rules are
 * judged on wall-clock punctuation at the task's {@link EventHorizon} (stream time extrapolated by
 * the wall clock), as well as on each beat.
 */
final class TelemetryRuleProcessor
    implements Processor<String, TelemetryBeat, String, ImpactAlert> {
  static final String STORE = "alerts-telemetry-rules";

  private final List<StaleTelemetryRule> rules;
  private final Duration evaluateEvery;
  private final EventHorizon horizon = new EventHorizon();
  private ProcessorContext<String, ImpactAlert> context;
  private KeyValueStore<String, TelemetryState> store;

  TelemetryRuleProcessor(final List<StaleTelemetryRule> rules, final Duration evaluateEvery) {
    this.rules = rules;
    this.evaluateEvery = evaluateEvery;
  }

  @Override
  public void init(final ProcessorContext<String, ImpactAlert> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    context.schedule(evaluateEvery, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  @Override
  public void process(final Record<String, TelemetryBeat> record) {
    final TelemetryState before = store.get(record.key());
    final TelemetryState state = before == null ? new TelemetryState(null, null, null) : before;
    final TelemetryBeat beat = record.value();
    final TelemetryState updated =
        new TelemetryState(
            beat.sample()
                ? state.watch().sample(beat.atMillis())
                : state.watch().request(beat.atMillis()),
            state.episodes(),
            state.facts());
    evaluate(record.key(), updated, Math.max(context.currentStreamTimeMs(), beat.atMillis()), true);
  }

  private void punctuate(final long wallMillis) {
    final long now = horizon.at(wallMillis, context.currentStreamTimeMs());
    final List<KeyValue<String, TelemetryState>> nodes = new ArrayList<>();
    try (KeyValueIterator<String, TelemetryState> all = store.all()) {
      all.forEachRemaining(nodes::add);
    }
    nodes.forEach(kv -> evaluate(kv.key, kv.value, now, false));
  }

  /** Judges every rule for the node; stores on new input or when an episode changed. */
  private void evaluate(
      final String node, final TelemetryState state, final long nowMillis, final boolean input) {
    final Map<String, Episode> episodes = new TreeMap<>(state.episodes());
    final Map<String, AlertFacts> facts = new TreeMap<>(state.facts());
    for (final StaleTelemetryRule rule : rules) {
      if (!Subjects.matches(rule.node(), node)) {
        continue;
      }
      final String subject = Subjects.of("node", node);
      final String key = Subjects.key(rule.name(), subject);
      final Verdict v = state.watch().verdict(rule, nowMillis);
      final Long lastSample = state.watch().lastSampleMillis();
      final AlertFacts fresh =
          new AlertFacts(
              subject,
              null,
              null,
              null,
              node,
              v,
              lastSample == null ? nowMillis : lastSample,
              nowMillis,
              v.breaching() || episodes.containsKey(key) && !v.clear()
                  ? AlertTexts.telemetry(node, v)
                  : "GPU samples of node " + node + " are back (or its traffic stopped)",
              AlertTexts.telemetryAction(node),
              null);
      final Lifecycle.Step step =
          Lifecycle.step(key, episodes.get(key), v, nowMillis, rule.common().resolveAfter());
      if (step.episode() == null) {
        episodes.remove(key);
        facts.remove(key);
      } else {
        episodes.put(key, step.episode());
        facts.put(key, fresh);
      }
      AlertRecords.of(rule, step, fresh, nowMillis)
          .ifPresent(a -> context.forward(new Record<>(key, a, nowMillis)));
    }
    if (input || !episodes.equals(state.episodes())) {
      store.put(node, new TelemetryState(state.watch(), episodes, facts));
    }
  }
}
