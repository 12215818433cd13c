package io.inferenceimpact.alerts;

import io.inferenceimpact.avro.ModelImpactWindow;
import java.time.Duration;

/**
 * Efficiency regression: fires when a (model, zone)'s facility energy per 1000 output tokens is
 * above {@code factor} times its learned baseline. The baseline is an exponentially weighted,
 * token-weighted mean of past windows with half-life {@code baselineHalfLife}; it only judges once
 * it has {@code minSamples} windows, and it does not learn while the rule is breaching or firing
 * (otherwise a regression would become the new normal while it is being reported).
 *
 * @param model only this model (null: every model)
 * @param zone only this zone (null: every zone)
 * @param factor ratio to the baseline that counts as a regression (e.g. 1.3)
 * @param baselineHalfLife half-life of the baseline's weights
 * @param minSamples windows the baseline needs before it judges
 * @param minOutputTokens windows with fewer output tokens neither judge nor teach
 */
public record EfficiencyRule(
    RuleCommon common,
    String model,
    String zone,
    double factor,
    Duration baselineHalfLife,
    int minSamples,
    long minOutputTokens)
    implements AlertRule {

  @Override
  public RuleType type() {
    return RuleType.EFFICIENCY_REGRESSION;
  }

  public boolean watches(final ModelImpactWindow w) {
    return w.getTenant() == null
        && Subjects.matches(model, w.getModel())
        && Subjects.matches(zone, w.getZone());
  }
}
