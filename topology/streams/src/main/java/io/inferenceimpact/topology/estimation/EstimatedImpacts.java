package io.inferenceimpact.topology.estimation;

import io.inferenceimpact.accounting.RequestImpactBuilders;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.estimation.Estimate;

/**
 * Turns a request and its estimate into the {@link RequestImpact} on {@code impact.requests.v1},
 * method ESTIMATED. Energy, emissions and water are the estimate's central values; the min/max
 * fields are set only when the model's size is a range (the schema's "null otherwise"). Intensity:
 * the one the estimate applied (the zone's static factor), source {@value #FALLBACK_SOURCE}; the
 * grid stage later replaces it and the operational grams.
 */
final class EstimatedImpacts {
  static final String FALLBACK_SOURCE = "FALLBACK";

  private EstimatedImpacts() {}

  static RequestImpact of(final InferenceRequest r, final String zone, final Estimate e) {
    final RequestImpact.Builder b =
        RequestImpactBuilders.of(r, zone)
            .setMethod(ImpactMethod.ESTIMATED)
            .setCatalogEntry(
                e.knownModel()
                    ? e.entry().name()
                    : e.entry().name() + " (default for unknown model " + r.getModel() + ")")
            .setGpuEnergyJoules(e.gpuEnergyJoules().value())
            .setServerEnergyJoules(e.serverEnergyJoules().value())
            .setFacilityEnergyJoules(e.facilityEnergyJoules().value())
            .setPueRatio(e.pue())
            .setIntensityGPerKwh(e.intensityGramsPerKwh())
            .setIntensitySource(FALLBACK_SOURCE)
            .setOperationalEmissionsGrams(e.operationalEmissionsGrams().value())
            .setEmbodiedEmissionsGrams(e.embodiedEmissionsGrams().value())
            .setWaterLitres(e.waterLitres().value())
            .setWaterOnsiteLitres(e.waterOnsiteLitres().value())
            .setWaterOffsiteLitres(e.waterOffsiteLitres().value())
            .setAbioticDepletionKgSbEq(e.abioticDepletionKgSbEq().value())
            .setPrimaryEnergyMegajoules(e.primaryEnergyMegajoules().value());
    if (e.uncertain()) {
      b.setFacilityEnergyMinJoules(e.facilityEnergyJoules().min())
          .setFacilityEnergyMaxJoules(e.facilityEnergyJoules().max())
          .setOperationalEmissionsMinGrams(e.operationalEmissionsGrams().min())
          .setOperationalEmissionsMaxGrams(e.operationalEmissionsGrams().max())
          .setEmbodiedEmissionsMinGrams(e.embodiedEmissionsGrams().min())
          .setEmbodiedEmissionsMaxGrams(e.embodiedEmissionsGrams().max())
          .setWaterMinLitres(e.waterLitres().min())
          .setWaterMaxLitres(e.waterLitres().max());
    }
    return b.build();
  }
}
