package io.inferenceimpact.alerts;

/** One validated rule of the alert rules file. */
public sealed interface AlertRule
    permits ThresholdRule, BudgetBurnRule, EfficiencyRule, DirtyGridRule, StaleTelemetryRule {

  RuleCommon common();

  /** The rule's family, as in the {@code type} field. */
  RuleType type();

  default String name() {
    return common().name();
  }
}
