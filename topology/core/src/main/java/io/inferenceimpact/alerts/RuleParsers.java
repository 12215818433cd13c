package io.inferenceimpact.alerts;

import io.inferenceimpact.binding.ConfigNode;
import java.time.Duration;

/** Reads the type-specific fields of each rule type (their meaning: the rule records). */
final class RuleParsers {
  private static final double HUGE = 1e15;

  private RuleParsers() {}

  static AlertRule parse(final RuleType type, final RuleCommon common, final ConfigNode f) {
    return switch (type) {
      case THRESHOLD -> threshold(common, f);
      case BUDGET_BURN -> budget(common, f);
      case EFFICIENCY_REGRESSION ->
          new EfficiencyRule(
              common,
              f.string("model", null),
              f.string("zone", null),
              f.number("factor", 1.3, 1.0, HUGE),
              f.duration("baselineHalfLife", Duration.ofDays(1)),
              (int) f.number("minSamples", 30.0, 1, 1_000_000),
              (long) f.number("minOutputTokens", 1000.0, 0, HUGE));
      case DIRTY_GRID ->
          new DirtyGridRule(
              common,
              f.string("zone", null),
              f.number("aboveGramsPerKwh", 500.0, 0, HUGE),
              f.optionalNumber("aboveForecastBy", 0, HUGE),
              f.number("minSaving", 0.3, 0.01, 1.0),
              f.duration("lookahead", Duration.ofHours(6)),
              f.duration("servingWithin", Duration.ofMinutes(15)));
      case STALE_TELEMETRY ->
          new StaleTelemetryRule(
              common, f.string("node", null), f.duration("silentFor", Duration.ofMinutes(1)));
    };
  }

  private static AlertRule threshold(final RuleCommon common, final ConfigNode f) {
    final String metricText = f.requiredString("metric");
    final RateMetric metric = metricText == null ? null : RateMetric.parse(metricText).orElse(null);
    if (metricText != null && metric == null) {
      f.problem(
          "metric", "must be one of " + RateMetric.allFields() + ", was '" + metricText + "'");
    }
    final double above = f.number("above", null, 0, HUGE);
    final ThresholdRule rule =
        new ThresholdRule(
            common,
            metric,
            above,
            f.string("model", null),
            f.string("zone", null),
            f.string("tenant", null),
            (long) f.number("minRequests", 1.0, 0, HUGE));
    return metric == null ? null : rule;
  }

  private static AlertRule budget(final RuleCommon common, final ConfigNode f) {
    final BudgetBurnRule.Per per =
        f.choice("per", BudgetBurnRule.Per.class, BudgetBurnRule.Per.MODEL);
    final String tenant = f.string("tenant", null);
    if (tenant != null && per == BudgetBurnRule.Per.MODEL) {
      f.problem("tenant", "needs 'per: tenant' (a per-model budget covers all tenants)");
    }
    final Duration longWindow = f.duration("longWindow", Duration.ofHours(1));
    final Duration shortWindow = f.duration("shortWindow", Duration.ofMinutes(5));
    if (shortWindow.compareTo(longWindow) >= 0) {
      f.problem("shortWindow", "must be shorter than longWindow (" + longWindow + ")");
    }
    return new BudgetBurnRule(
        common,
        per,
        f.string("model", null),
        tenant,
        f.number("budgetGramsPerDay", null, 1e-9, HUGE),
        longWindow,
        shortWindow,
        f.number("burnRate", 14.4, 1.0, HUGE));
  }
}
