package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.AlertFacts;
import io.inferenceimpact.alerts.AlertRule;
import io.inferenceimpact.alerts.AlertTexts;
import io.inferenceimpact.alerts.Lifecycle;
import io.inferenceimpact.avro.AlertKind;
import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.ImpactAlert;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Turns a lifecycle step into the {@link ImpactAlert} record to publish, if any. */
final class AlertRecords {
  private AlertRecords() {}

  /**
   * The record for {@code step}: FIRING with the new episode, RESOLVED with the ended one (and
   * {@code nowMillis} as its resolution time), nothing otherwise.
   */
  static Optional<ImpactAlert> of(
      final AlertRule rule,
      final Lifecycle.Step step,
      final AlertFacts facts,
      final long nowMillis) {
    if (step.transition() == Lifecycle.Transition.NONE) {
      return Optional.empty();
    }
    final boolean firing = step.transition() == Lifecycle.Transition.FIRING;
    final var episode = firing ? step.episode() : step.ended();
    final Map<String, String> labels = new HashMap<>(rule.common().labels());
    if (facts.node() != null) {
      labels.put("node", facts.node());
    }
    return Optional.of(
        ImpactAlert.newBuilder()
            .setAlertId(episode.alertId())
            .setRule(rule.name())
            .setKind(kind(rule))
            .setSubject(facts.subject())
            .setStatus(firing ? AlertStatus.FIRING : AlertStatus.RESOLVED)
            .setSeverity(AlertSeverity.valueOf(rule.common().severity().name()))
            .setModel(facts.model())
            .setZone(facts.zone())
            .setTenant(facts.tenant())
            .setObserved(facts.verdict().observed())
            .setThreshold(facts.verdict().threshold())
            .setUnit(facts.verdict().unit())
            .setWindowStart(Instant.ofEpochMilli(facts.windowStartMillis()))
            .setWindowEnd(Instant.ofEpochMilli(facts.windowEndMillis()))
            .setFiredAt(Instant.ofEpochMilli(episode.firedAtMillis()))
            .setResolvedAt(firing ? null : Instant.ofEpochMilli(nowMillis))
            .setSummary(firing ? facts.summary() : AlertTexts.resolved(facts.summary()))
            .setSuggestedAction(firing ? facts.suggestedAction() : null)
            .setSuggestedZone(facts.suggestedZone())
            .setLabels(labels)
            .build());
  }

  private static AlertKind kind(final AlertRule rule) {
    return switch (rule.type()) {
      case THRESHOLD -> AlertKind.THRESHOLD;
      case BUDGET_BURN -> AlertKind.BUDGET_BURN;
      case EFFICIENCY_REGRESSION -> AlertKind.EFFICIENCY_REGRESSION;
      case DIRTY_GRID -> AlertKind.DIRTY_GRID;
      case STALE_TELEMETRY -> AlertKind.STALE_TELEMETRY;
    };
  }
}
