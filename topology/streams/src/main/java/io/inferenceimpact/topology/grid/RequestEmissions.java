package io.inferenceimpact.topology.grid;

import io.inferenceimpact.accounting.ImpactAccounting;
import io.inferenceimpact.avro.RequestImpact;
import java.time.Instant;

/**
 * A request's impact with a grid intensity applied: intensity, its source and valid_from, and the
 * operational emissions (facility kWh × intensity, and the same for the facility energy bounds).
 * Water and embodied emissions do not depend on the intensity and are kept.
 */
final class RequestEmissions {
  private RequestEmissions() {}

  static RequestImpact withIntensity(final RequestImpact impact, final ResolvedIntensity grid) {
    final double g = grid.gramsPerKwh();
    return RequestImpact.newBuilder(impact)
        .setIntensityGPerKwh(g)
        .setIntensitySource(grid.source())
        .setIntensityValidFrom(
            grid.validFromMillis() == null ? null : Instant.ofEpochMilli(grid.validFromMillis()))
        .setOperationalEmissionsGrams(
            ImpactAccounting.operationalGrams(impact.getFacilityEnergyJoules(), g))
        .setOperationalEmissionsMinGrams(operational(impact.getFacilityEnergyMinJoules(), g))
        .setOperationalEmissionsMaxGrams(operational(impact.getFacilityEnergyMaxJoules(), g))
        .build();
  }

  private static Double operational(final Double facilityJoules, final double gramsPerKwh) {
    return facilityJoules == null
        ? null
        : ImpactAccounting.operationalGrams(facilityJoules, gramsPerKwh);
  }
}
