package io.inferenceimpact.alerts;

import java.time.Instant;
import java.util.Locale;

/** The human-readable summary and suggested action of each kind of alert. */
public final class AlertTexts {
  private AlertTexts() {}

  public static String threshold(final ThresholdRule rule, final String where, final Verdict v) {
    return String.format(
        Locale.ROOT,
        "%s: %s %s, %s %s",
        where,
        rule.metric().field(),
        number(v.observed()),
        v.breaching() ? "above" : "against a threshold of",
        number(v.threshold()));
  }

  public static String thresholdAction(final ThresholdRule rule) {
    return "check the model's recent deploys, batch sizes and idle GPUs; consider moving its"
        + " traffic to a cleaner zone or a smaller model";
  }

  public static String budget(final BudgetBurnRule rule, final String subject, final Verdict v) {
    return String.format(
        Locale.ROOT,
        "%s burns its carbon budget of %s gCO2e/day %sx as fast as allowed over both %s and %s"
            + " (threshold %sx)",
        subject,
        number(rule.budgetGramsPerDay()),
        number(v.observed()),
        minutes(rule.longWindow().toMillis()),
        minutes(rule.shortWindow().toMillis()),
        number(rule.burnRate()));
  }

  public static String budgetAction() {
    return "throttle or defer batch work, shift traffic to a cleaner zone, or raise the budget";
  }

  public static String efficiency(final String where, final Verdict v, final double baseline) {
    return String.format(
        Locale.ROOT,
        "%s: %s Wh per 1k output tokens, %sx its baseline of %s (threshold %sx)",
        where,
        number(v.observed() * baseline),
        number(v.observed()),
        number(baseline),
        number(v.threshold()));
  }

  public static String efficiencyAction() {
    return "compare with the last deploy (model version, batch size, quantization, GPU clocks);"
        + " roll back if it regressed";
  }

  public static String dirtyGrid(final DirtyGridCheck.Finding f, final long nowMillis) {
    return String.format(
        Locale.ROOT,
        "%s in %s: grid at %s gCO2e/kWh (threshold %s); %s serves it at %s gCO2e/kWh%s, %s%% less",
        f.model(),
        f.zone(),
        number(f.verdict().observed()),
        number(f.verdict().threshold()),
        f.greenerZone() == null ? "no other zone" : f.greenerZone(),
        number(f.greenerGramsPerKwh()),
        f.greenerFromMillis() > nowMillis && f.greenerZone() != null
            ? " (forecast from " + Instant.ofEpochMilli(f.greenerFromMillis()) + ")"
            : "",
        percent(f.saving()));
  }

  public static String dirtyGridAction(final DirtyGridCheck.Finding f) {
    return f.greenerZone() == null
        ? "defer flexible work until the grid is cleaner"
        : String.format(
            Locale.ROOT,
            "shift or schedule %s traffic to %s: about %s%% less operational CO2e per kWh",
            f.model(),
            f.greenerZone(),
            percent(f.saving()));
  }

  public static String telemetry(final String node, final Verdict v) {
    return String.format(
        Locale.ROOT,
        "node %s serves requests but sent no GPU sample for %s s (limit %s s); its requests are"
            + " attributed as ESTIMATED instead of MEASURED",
        node,
        number(v.observed()),
        number(v.threshold()));
  }

  public static String telemetryAction(final String node) {
    return "check the GPU exporter (DCGM/NVML) on " + node + " and its producer to gpu.metrics.v1";
  }

  public static String resolved(final String summary) {
    return "resolved: " + summary;
  }

  static String number(final double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return Math.abs(value) >= 100
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.3g", value);
  }

  private static String percent(final double fraction) {
    return String.format(Locale.ROOT, "%.0f", 100.0 * fraction);
  }

  private static String minutes(final long millis) {
    return millis % 3_600_000L == 0 ? millis / 3_600_000L + " h" : millis / 60_000.0 + " min";
  }
}
