package io.inferenceimpact.subscribe;

import io.inferenceimpact.avro.AlertKind;
import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.ImpactAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Alerts for subscriber tests: one dirty-grid episode of llama-3.1-70b in DE (FIRING, then
 * RESOLVED) and a WARNING about another model that filters should drop. Keys are {@code
 * rule|subject}.
 */
public final class AlertRecords {
  public static final Instant WINDOW_START = Instant.parse("2026-11-27T14:00:00Z");
  public static final Instant WINDOW_END = Instant.parse("2026-11-27T14:05:00Z");
  public static final Instant FIRED_AT = Instant.parse("2026-11-27T14:05:02Z");
  public static final Instant RESOLVED_AT = Instant.parse("2026-11-27T14:20:01Z");

  private AlertRecords() {}

  public static ImpactAlert firing() {
    return ImpactAlert.newBuilder()
        .setAlertId("dirty-grid-DE-llama-70b-1")
        .setRule("dirty-grid")
        .setKind(AlertKind.DIRTY_GRID)
        .setSubject("model=llama-3.1-70b,zone=DE")
        .setStatus(AlertStatus.FIRING)
        .setSeverity(AlertSeverity.CRITICAL)
        .setModel("llama-3.1-70b")
        .setZone("DE")
        .setTenant("acme")
        .setObserved(412.345)
        .setThreshold(300.0)
        .setUnit("g_per_kwh")
        .setWindowStart(WINDOW_START)
        .setWindowEnd(WINDOW_END)
        .setFiredAt(FIRED_AT)
        .setSummary("llama-3.1-70b in DE: grid at 412 gCO2e/kWh, above 300")
        .setSuggestedAction("shift traffic to a greener zone")
        .setSuggestedZone("FR")
        .setLabels(Map.of("team", "ml-platform", "runbook", "https://runbooks.example/dirty-grid"))
        .build();
  }

  public static ImpactAlert resolved() {
    return ImpactAlert.newBuilder(firing())
        .setStatus(AlertStatus.RESOLVED)
        .setObserved(250.0)
        .setWindowStart(Instant.parse("2026-11-27T14:15:00Z"))
        .setWindowEnd(Instant.parse("2026-11-27T14:20:00Z"))
        .setResolvedAt(RESOLVED_AT)
        .setSummary("llama-3.1-70b in DE: grid at 250 gCO2e/kWh, back below 300")
        .build();
  }

  /** A WARNING about another model, without zone, tenant, suggestion or labels. */
  public static ImpactAlert otherModelWarning() {
    return ImpactAlert.newBuilder()
        .setAlertId("efficiency-mistral-7b-1")
        .setRule("efficiency-regression")
        .setKind(AlertKind.EFFICIENCY_REGRESSION)
        .setSubject("model=mistral-7b")
        .setStatus(AlertStatus.FIRING)
        .setSeverity(AlertSeverity.WARNING)
        .setModel("mistral-7b")
        .setObserved(1.5)
        .setThreshold(1.2)
        .setUnit("ratio")
        .setWindowStart(WINDOW_START)
        .setWindowEnd(WINDOW_END)
        .setSummary("mistral-7b: 1.5x the baseline Wh per 1k output tokens")
        .build();
  }

  /** The records in the order a test produces them: the other model's alert in between. */
  public static List<Map.Entry<String, ImpactAlert>> scenario() {
    return List.of(
        Map.entry(key(firing()), firing()),
        Map.entry(key(otherModelWarning()), otherModelWarning()),
        Map.entry(key(resolved()), resolved()));
  }

  public static String key(final ImpactAlert alert) {
    return alert.getRule() + "|" + alert.getSubject();
  }
}
