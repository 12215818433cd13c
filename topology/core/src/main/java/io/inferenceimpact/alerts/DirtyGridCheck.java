package io.inferenceimpact.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a dirty-grid rule over a {@link GridView}: one {@link Finding} per (model, zone) where the
 * zone served the model within the rule's {@code servingWithin} and its intensity is known.
 */
public final class DirtyGridCheck {
  private DirtyGridCheck() {}

  /**
   * @param greenerZone the zone that saves most (null if no other zone serves the model)
   * @param greenerGramsPerKwh its intensity, now or at {@code greenerFromMillis} by its forecast
   * @param saving relative saving per kWh of moving there, 0..1
   */
  public record Finding(
      String model,
      String zone,
      Verdict verdict,
      String greenerZone,
      double greenerGramsPerKwh,
      long greenerFromMillis,
      double saving) {

    public String subject() {
      return Subjects.of("model", model, "zone", zone);
    }
  }

  public static List<Finding> check(
      final DirtyGridRule rule, final GridView view, final long nowMillis) {
    final List<Finding> findings = new ArrayList<>();
    final long servingMillis = rule.servingWithin().toMillis();
    view.serving()
        .forEach(
            (model, byZone) -> {
              final List<String> zones =
                  byZone.entrySet().stream()
                      .filter(e -> e.getValue() >= nowMillis - servingMillis)
                      .map(Map.Entry::getKey)
                      .filter(z -> view.zones().containsKey(z))
                      .toList();
              for (final String zone : zones) {
                if (Subjects.matches(rule.zone(), zone)) {
                  findings.add(judge(rule, view, model, zone, zones, nowMillis));
                }
              }
            });
    return findings;
  }

  private static Finding judge(
      final DirtyGridRule rule,
      final GridView view,
      final String model,
      final String zone,
      final List<String> servingZones,
      final long nowMillis) {
    final ZoneIntensity here = view.zones().get(zone);
    String greener = null;
    ZoneIntensity.Point best = null;
    for (final String other : servingZones) {
      if (!other.equals(zone)) {
        final ZoneIntensity.Point p =
            view.zones().get(other).cleanestWithin(nowMillis, rule.lookahead().toMillis());
        if (best == null || p.gramsPerKwh() < best.gramsPerKwh()) {
          best = p;
          greener = other;
        }
      }
    }
    final double current = here.gramsPerKwh();
    final double saving =
        best == null || current <= 0 ? 0.0 : Math.max(0.0, 1.0 - best.gramsPerKwh() / current);
    final double h = rule.common().hysteresis();
    final Double band =
        rule.aboveForecastBy() == null || here.forecastForNow() == null
            ? null
            : here.forecastForNow() * (1.0 + rule.aboveForecastBy());
    final boolean dirty = current > rule.aboveGramsPerKwh() || (band != null && current > band);
    final boolean cleanAgain =
        current < rule.aboveGramsPerKwh() * (1.0 - h) && (band == null || current < band * (1 - h));
    final Verdict verdict =
        new Verdict(
            dirty && saving >= rule.minSaving(),
            cleanAgain || saving < rule.minSaving() * (1.0 - h),
            current,
            band != null && current > band && current <= rule.aboveGramsPerKwh()
                ? band
                : rule.aboveGramsPerKwh(),
            "g_per_kwh");
    return new Finding(
        model,
        zone,
        verdict,
        greener,
        best == null ? Double.NaN : best.gramsPerKwh(),
        best == null ? nowMillis : best.validFromMillis(),
        saving);
  }
}
