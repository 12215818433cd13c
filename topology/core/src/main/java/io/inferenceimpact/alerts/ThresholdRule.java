package io.inferenceimpact.alerts;

import io.inferenceimpact.avro.ModelImpactWindow;

/**
 * Fires when a rate of a final model window is above a threshold.
 *
 * @param metric the watched rate
 * @param above the threshold, in the metric's unit
 * @param model only this model (null: every model)
 * @param zone only this zone (null: every zone)
 * @param tenant null: the windows over all tenants; {@code *}: every per-tenant window; a name:
 *     that tenant's windows
 * @param minRequests windows with fewer requests are ignored (too few to judge)
 */
public record ThresholdRule(
    RuleCommon common,
    RateMetric metric,
    double above,
    String model,
    String zone,
    String tenant,
    long minRequests)
    implements AlertRule {

  @Override
  public RuleType type() {
    return RuleType.THRESHOLD;
  }

  /** True if the window is one this rule watches. */
  public boolean watches(final ModelImpactWindow w) {
    return Subjects.matches(model, w.getModel())
        && Subjects.matches(zone, w.getZone())
        && (tenant == null
            ? w.getTenant() == null
            : w.getTenant() != null && Subjects.matches(tenant, w.getTenant()));
  }
}
