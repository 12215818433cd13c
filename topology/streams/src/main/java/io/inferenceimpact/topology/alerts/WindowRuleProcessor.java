package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.AlertFacts;
import io.inferenceimpact.alerts.AlertRule;
import io.inferenceimpact.alerts.AlertTexts;
import io.inferenceimpact.alerts.BudgetBurnRule;
import io.inferenceimpact.alerts.BurnLedger;
import io.inferenceimpact.alerts.EfficiencyBaseline;
import io.inferenceimpact.alerts.EfficiencyRule;
import io.inferenceimpact.alerts.Lifecycle;
import io.inferenceimpact.alerts.Subjects;
import io.inferenceimpact.alerts.ThresholdRule;
import io.inferenceimpact.alerts.Verdict;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.topology.support.EventHorizon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates the rules over final model windows (threshold, budget burn, efficiency regression), one
 * state per rule and subject, keyed as the alert ({@code rule|subject}). On each window the subject
 * is judged at the window's end. On wall-clock punctuation, firing subjects are judged at the
 * task's {@link EventHorizon} less the windows' expected lag (size + grace): a subject without a
 * new window for longer than that has no traffic, so its threshold or regression is clear, and a
 * budget's burn decays as its windows age out.
 */
final class WindowRuleProcessor
    implements Processor<String, ModelImpactWindow, String, ImpactAlert> {
  static final String STORE = "alerts-window-rules";

  private final Map<String, AlertRule> rules;
  private final Duration evaluateEvery;
  private final long lagMillis;
  private final long windowMillis;
  private final EventHorizon horizon = new EventHorizon();
  private ProcessorContext<String, ImpactAlert> context;
  private KeyValueStore<String, WindowRuleState> store;

  WindowRuleProcessor(
      final Map<String, AlertRule> rules,
      final Duration evaluateEvery,
      final Duration windowSize,
      final Duration windowGrace) {
    this.rules = rules;
    this.evaluateEvery = evaluateEvery;
    this.windowMillis = windowSize.toMillis();
    this.lagMillis = windowSize.plus(windowGrace).toMillis();
  }

  @Override
  public void init(final ProcessorContext<String, ImpactAlert> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    context.schedule(evaluateEvery, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  @Override
  public void process(final Record<String, ModelImpactWindow> record) {
    final AlertRule rule = rules.get(ruleName(record.key()));
    if (rule == null) {
      return; // a rule removed from the file since the record was routed
    }
    final ModelImpactWindow w = record.value();
    final WindowRuleState before = store.get(record.key());
    final long end = w.getWindowEnd().toEpochMilli();
    final WindowRuleState after;
    if (rule instanceof ThresholdRule t) {
      after = threshold(t, w, before);
    } else if (rule instanceof BudgetBurnRule b) {
      after = budget(b, w, before);
    } else if (rule instanceof EfficiencyRule e) {
      after = efficiency(e, w, before);
    } else {
      after = before;
    }
    if (after != null && after != before) {
      settle(rule, record.key(), before, after, end);
    }
  }

  private WindowRuleState threshold(
      final ThresholdRule rule, final ModelImpactWindow w, final WindowRuleState s) {
    final Double value = rule.metric().of(w);
    if (value == null || w.getRequests() < rule.minRequests()) {
      return s;
    }
    final Verdict v =
        Verdict.above(value, rule.above(), rule.common().hysteresis(), rule.metric().field());
    final String subject =
        Subjects.of("model", w.getModel(), "zone", w.getZone(), "tenant", w.getTenant());
    final AlertFacts facts =
        new AlertFacts(
            subject,
            w.getModel(),
            w.getZone(),
            w.getTenant(),
            null,
            v,
            w.getWindowStart().toEpochMilli(),
            w.getWindowEnd().toEpochMilli(),
            AlertTexts.threshold(rule, subject, v),
            AlertTexts.thresholdAction(rule),
            null);
    return new WindowRuleState(
        s == null ? null : s.episode(), facts, w.getWindowEnd().toEpochMilli(), null, null);
  }

  private WindowRuleState budget(
      final BudgetBurnRule rule, final ModelImpactWindow w, final WindowRuleState s) {
    final long end = w.getWindowEnd().toEpochMilli();
    final BurnLedger ledger =
        (s == null || s.ledger() == null ? BurnLedger.empty() : s.ledger())
            .plus(
                end,
                w.getOperationalEmissionsGrams() + w.getEmbodiedEmissionsGrams(),
                rule.longWindow());
    final long at = Math.max(end, s == null ? end : s.lastWindowEndMillis());
    return new WindowRuleState(
        s == null ? null : s.episode(),
        budgetFacts(rule, w.getModel(), w.getTenant(), ledger, at),
        at,
        ledger,
        null);
  }

  private static AlertFacts budgetFacts(
      final BudgetBurnRule rule,
      final String model,
      final String tenant,
      final BurnLedger ledger,
      final long atMillis) {
    final Verdict v = ledger.verdict(rule, atMillis);
    final boolean perModel = rule.per() == BudgetBurnRule.Per.MODEL;
    final String subject = perModel ? Subjects.of("model", model) : Subjects.of("tenant", tenant);
    return new AlertFacts(
        subject,
        perModel ? model : null,
        null,
        perModel ? null : tenant,
        null,
        v,
        atMillis - rule.longWindow().toMillis(),
        atMillis,
        AlertTexts.budget(rule, subject, v),
        AlertTexts.budgetAction(),
        null);
  }

  private WindowRuleState efficiency(
      final EfficiencyRule rule, final ModelImpactWindow w, final WindowRuleState s) {
    if (w.getOutputTokens() < rule.minOutputTokens() || w.getOutputTokens() == 0) {
      return s;
    }
    final EfficiencyBaseline baseline =
        s == null || s.baseline() == null ? EfficiencyBaseline.empty() : s.baseline();
    final double whPer1k = w.getFacilityEnergyJoules() / 3600.0 / w.getOutputTokens() * 1000.0;
    final Verdict v = baseline.verdict(rule, whPer1k);
    final boolean firing = s != null && s.episode() != null;
    final EfficiencyBaseline learned =
        v.breaching() || firing
            ? baseline
            : baseline.learn(
                w.getFacilityEnergyJoules(),
                w.getOutputTokens(),
                w.getWindowEnd().toEpochMilli(),
                rule.baselineHalfLife());
    final String subject = Subjects.of("model", w.getModel(), "zone", w.getZone());
    final AlertFacts facts =
        new AlertFacts(
            subject,
            w.getModel(),
            w.getZone(),
            null,
            null,
            v,
            w.getWindowStart().toEpochMilli(),
            w.getWindowEnd().toEpochMilli(),
            AlertTexts.efficiency(subject, v, baseline.whPer1kOutputTokens()),
            AlertTexts.efficiencyAction(),
            null);
    return new WindowRuleState(
        s == null ? null : s.episode(), facts, w.getWindowEnd().toEpochMilli(), null, learned);
  }

  /** Steps the lifecycle with the new facts at {@code nowMillis}, stores, and publishes. */
  private void settle(
      final AlertRule rule,
      final String key,
      final WindowRuleState before,
      final WindowRuleState after,
      final long nowMillis) {
    final Lifecycle.Step step =
        Lifecycle.step(
            key,
            before == null ? null : before.episode(),
            after.facts().verdict(),
            nowMillis,
            rule.common().resolveAfter());
    final WindowRuleState next =
        new WindowRuleState(
            step.episode(),
            after.facts(),
            after.lastWindowEndMillis(),
            after.ledger(),
            after.baseline());
    if (next.episode() == null && next.ledger() == null && next.baseline() == null) {
      store.delete(key); // a threshold with nothing firing has nothing to remember
    } else {
      store.put(key, next);
    }
    AlertRecords.of(rule, step, after.facts(), nowMillis)
        .ifPresent(a -> context.forward(new Record<>(key, a, nowMillis)));
  }

  private void punctuate(final long wallMillis) {
    final long now = horizon.at(wallMillis, context.currentStreamTimeMs());
    final List<KeyValue<String, WindowRuleState>> firing = new ArrayList<>();
    try (KeyValueIterator<String, WindowRuleState> all = store.all()) {
      all.forEachRemaining(
          kv -> {
            if (kv.value.episode() != null) {
              firing.add(kv);
            }
          });
    }
    for (final KeyValue<String, WindowRuleState> kv : firing) {
      final AlertRule rule = rules.get(ruleName(kv.key));
      final WindowRuleState s = kv.value;
      final long at = Math.max(s.lastWindowEndMillis(), now - lagMillis);
      if (rule == null) {
        continue;
      }
      if (rule instanceof BudgetBurnRule b) {
        final AlertFacts facts =
            budgetFacts(b, s.facts().model(), s.facts().tenant(), s.ledger(), at);
        settle(
            rule,
            kv.key,
            s,
            new WindowRuleState(s.episode(), facts, s.lastWindowEndMillis(), s.ledger(), null),
            at);
      } else if (at - s.lastWindowEndMillis() >= windowMillis) {
        final AlertFacts quiet =
            new AlertFacts(
                s.facts().subject(),
                s.facts().model(),
                s.facts().zone(),
                s.facts().tenant(),
                null,
                s.facts().verdict().cleared(),
                s.facts().windowStartMillis(),
                s.facts().windowEndMillis(),
                s.facts().subject()
                    + ": no traffic since "
                    + java.time.Instant.ofEpochMilli(s.lastWindowEndMillis()),
                null,
                null);
        settle(
            rule,
            kv.key,
            s,
            new WindowRuleState(
                s.episode(), quiet, s.lastWindowEndMillis(), s.ledger(), s.baseline()),
            at);
      }
    }
  }

  static String ruleName(final String key) {
    final int bar = key.indexOf('|');
    return bar < 0 ? key : key.substring(0, bar);
  }
}
