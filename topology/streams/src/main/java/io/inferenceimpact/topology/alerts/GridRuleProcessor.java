package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.AlertFacts;
import io.inferenceimpact.alerts.AlertTexts;
import io.inferenceimpact.alerts.DirtyGridCheck;
import io.inferenceimpact.alerts.DirtyGridRule;
import io.inferenceimpact.alerts.Episode;
import io.inferenceimpact.alerts.GridView;
import io.inferenceimpact.alerts.Lifecycle;
import io.inferenceimpact.alerts.Subjects;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.topology.support.EventHorizon;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates the dirty-grid rules. Every zone's intensity and every (model, zone) serving sign
 * arrive under one key ({@value #KEY}), so that one place sees the whole grid and which zones serve
 * each model — small (zones × models) and low-rate (grid values change every few minutes, serving
 * signs are throttled upstream). Judged on each input at the task's stream time, and on wall-clock
 * punctuation at its {@link EventHorizon}, so that an episode ends when a model is no longer served
 * in a zone even if no input arrives.
 */
final class GridRuleProcessor implements Processor<String, GridEvent, String, ImpactAlert> {
  static final String STORE = "alerts-grid-rules";
  static final String KEY = "grid";

  private final List<DirtyGridRule> rules;
  private final Duration evaluateEvery;
  private final long keepServingMillis;
  private final EventHorizon horizon = new EventHorizon();
  private ProcessorContext<String, ImpactAlert> context;
  private KeyValueStore<String, GridRuleState> store;

  GridRuleProcessor(final List<DirtyGridRule> rules, final Duration evaluateEvery) {
    this.rules = rules;
    this.evaluateEvery = evaluateEvery;
    this.keepServingMillis =
        rules.stream().mapToLong(r -> r.servingWithin().toMillis()).max().orElse(0L);
  }

  @Override
  public void init(final ProcessorContext<String, ImpactAlert> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    context.schedule(
        evaluateEvery,
        PunctuationType.WALL_CLOCK_TIME,
        wall -> {
          final GridRuleState state = store.get(KEY);
          if (state != null) {
            evaluate(state, horizon.at(wall, context.currentStreamTimeMs()));
          }
        });
  }

  @Override
  public void process(final Record<String, GridEvent> record) {
    final GridRuleState before = store.get(KEY);
    final GridRuleState state = before == null ? new GridRuleState(null, null, null) : before;
    final GridEvent e = record.value();
    final GridView view =
        e.intensity() != null
            ? state.view().withIntensity(e.zone(), e.intensity())
            : state.view().withServing(e.model(), e.zone(), e.atMillis());
    evaluate(
        new GridRuleState(view, state.episodes(), state.facts()),
        Math.max(context.currentStreamTimeMs(), e.atMillis()));
  }

  private void evaluate(final GridRuleState state, final long nowMillis) {
    final GridView view = state.view().pruned(nowMillis, keepServingMillis);
    final Map<String, Episode> episodes = new TreeMap<>(state.episodes());
    final Map<String, AlertFacts> facts = new TreeMap<>(state.facts());
    for (final DirtyGridRule rule : rules) {
      final Map<String, AlertFacts> judged = new HashMap<>();
      for (final DirtyGridCheck.Finding f : DirtyGridCheck.check(rule, view, nowMillis)) {
        judged.put(
            Subjects.key(rule.name(), f.subject()),
            new AlertFacts(
                f.subject(),
                f.model(),
                f.zone(),
                null,
                null,
                f.verdict(),
                nowMillis,
                nowMillis,
                AlertTexts.dirtyGrid(f, nowMillis),
                AlertTexts.dirtyGridAction(f),
                f.greenerZone()));
      }
      // Firing episodes whose (model, zone) is no longer judged (not served any more): clear.
      episodes.keySet().stream()
          .filter(k -> WindowRuleProcessor.ruleName(k).equals(rule.name()))
          .filter(k -> !judged.containsKey(k))
          .toList()
          .forEach(
              k -> {
                final AlertFacts last = facts.get(k);
                judged.put(
                    k,
                    new AlertFacts(
                        last.subject(),
                        last.model(),
                        last.zone(),
                        null,
                        null,
                        last.verdict().cleared(),
                        last.windowStartMillis(),
                        nowMillis,
                        last.model() + " no longer served in " + last.zone(),
                        null,
                        null));
              });
      judged.forEach(
          (key, fresh) -> {
            final Lifecycle.Step step =
                Lifecycle.step(
                    key,
                    episodes.get(key),
                    fresh.verdict(),
                    nowMillis,
                    rule.common().resolveAfter());
            if (step.episode() == null) {
              episodes.remove(key);
              facts.remove(key);
            } else {
              episodes.put(key, step.episode());
              facts.put(key, fresh);
            }
            AlertRecords.of(rule, step, fresh, nowMillis)
                .ifPresent(a -> context.forward(new Record<>(key, a, nowMillis)));
          });
    }
    store.put(KEY, new GridRuleState(view, episodes, facts));
  }
}
