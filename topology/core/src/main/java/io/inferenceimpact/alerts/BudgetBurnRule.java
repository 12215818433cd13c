package io.inferenceimpact.alerts;

import io.inferenceimpact.avro.ModelImpactWindow;
import java.time.Duration;

/**
 * Multi-window carbon-budget burn rate, as in SRE error-budget alerting (Google SRE Workbook,
 * "Alerting on SLOs", multiwindow multi-burn-rate alerts): fires when the emissions of both the
 * long and the short window exceed {@code burnRate} times the budget's rate.
 *
 * @param per what a budget belongs to: each model, or each tenant
 * @param model only this model (null: every model)
 * @param tenant only this tenant (null: every tenant; only for {@code per: tenant})
 * @param budgetGramsPerDay the budget, grams CO2e (operational + embodied) per day
 * @param longWindow the long window (e.g. 1 h)
 * @param shortWindow the short window (e.g. 5 min), shorter than the long one
 * @param burnRate how many times the budget's rate both windows must exceed
 */
public record BudgetBurnRule(
    RuleCommon common,
    Per per,
    String model,
    String tenant,
    double budgetGramsPerDay,
    Duration longWindow,
    Duration shortWindow,
    double burnRate)
    implements AlertRule {

  /** What a budget belongs to. */
  public enum Per {
    MODEL,
    TENANT
  }

  @Override
  public RuleType type() {
    return RuleType.BUDGET_BURN;
  }

  /** True if the window counts against one of this rule's budgets. */
  public boolean watches(final ModelImpactWindow w) {
    return switch (per) {
      case MODEL -> w.getTenant() == null && Subjects.matches(model, w.getModel());
      case TENANT ->
          w.getTenant() != null
              && Subjects.matches(model, w.getModel())
              && Subjects.matches(tenant, w.getTenant());
    };
  }

  /** The subject whose budget the window counts against. */
  public String subjectOf(final ModelImpactWindow w) {
    return per == Per.MODEL
        ? Subjects.of("model", w.getModel())
        : Subjects.of("tenant", w.getTenant());
  }

  /** The budget's rate, grams per hour. */
  public double budgetGramsPerHour() {
    return budgetGramsPerDay / 24.0;
  }
}
