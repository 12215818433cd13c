package io.inferenceimpact.alerts;

import java.time.Duration;

/**
 * Dirty grid, a carbon-aware hint: fires for a (model, zone) when the zone's intensity is above
 * {@code aboveGramsPerKwh} (or above what its own forecast said for now by more than {@code
 * aboveForecastBy}) while another zone that served the same model within {@code servingWithin} is
 * cleaner by at least {@code minSaving}, now or (by its forecast) within {@code lookahead}. The
 * alert names the greener zone and the expected saving.
 *
 * @param zone only this zone may be reported dirty (null: every zone)
 * @param aboveGramsPerKwh absolute intensity threshold, gCO2e/kWh
 * @param aboveForecastBy relative excess over the zone's forecast for now (0.25: 25 % above), or
 *     null to watch the absolute threshold only
 * @param minSaving least relative saving of the greener zone (0.3: 30 % less CO2e per kWh)
 * @param lookahead how far ahead the other zones' forecasts count
 * @param servingWithin a zone serves a model if it had a request of the model this recently
 */
public record DirtyGridRule(
    RuleCommon common,
    String zone,
    double aboveGramsPerKwh,
    Double aboveForecastBy,
    double minSaving,
    Duration lookahead,
    Duration servingWithin)
    implements AlertRule {

  @Override
  public RuleType type() {
    return RuleType.DIRTY_GRID;
  }
}
