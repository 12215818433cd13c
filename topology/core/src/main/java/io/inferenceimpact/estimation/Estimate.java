package io.inferenceimpact.estimation;

import io.inferenceimpact.avro.ImpactMethod;
import java.util.Set;

/**
 * The estimated impact of one request, in the units of {@code RequestImpact} (joules, grams,
 * litres), each quantity with min/max when the model's size is uncertain.
 *
 * @param method always {@link ImpactMethod#ESTIMATED}
 * @param task the request's task ({@code text-generation} for the LLM method)
 * @param requestedModel the model name as the request gave it
 * @param entry the catalog entry used (the default entry for an unknown model)
 * @param knownModel false when the default entry was used
 * @param flags how the estimate was made
 * @param gpuCountMin GPUs holding the model at the low end of its size
 * @param gpuCountMax GPUs holding the model at the high end of its size
 * @param generationSeconds ΔT, the generation time charged to the request
 * @param gpuEnergyJoules energy of all the request's GPUs at the device (no PUE)
 * @param serverEnergyJoules non-GPU server share (no PUE)
 * @param facilityEnergyJoules (GPU + server) × PUE
 * @param pue the PUE applied
 * @param intensityGramsPerKwh carbon intensity applied, gCO2e/kWh
 * @param operationalEmissionsGrams facility kWh × intensity, gCO2e
 * @param embodiedEmissionsGrams hardware share by time, gCO2e
 * @param waterLitres usage water: IT kWh × (on-site WUE + PUE × off-site water of electricity),
 *     i.e. {@code waterOnsiteLitres + waterOffsiteLitres}
 * @param waterOnsiteLitres IT kWh × the datacenter's WUE
 * @param waterOffsiteLitres facility kWh × the water intensity of the zone's electricity
 * @param abioticDepletionKgSbEq usage plus embodied, kg antimony-equivalent
 * @param primaryEnergyMegajoules usage plus embodied, MJ
 */
public record Estimate(
    ImpactMethod method,
    String task,
    String requestedModel,
    ModelEntry entry,
    boolean knownModel,
    Set<EstimateFlag> flags,
    int gpuCountMin,
    int gpuCountMax,
    Bounds generationSeconds,
    Bounds gpuEnergyJoules,
    Bounds serverEnergyJoules,
    Bounds facilityEnergyJoules,
    double pue,
    double intensityGramsPerKwh,
    Bounds operationalEmissionsGrams,
    Bounds embodiedEmissionsGrams,
    Bounds waterLitres,
    Bounds waterOnsiteLitres,
    Bounds waterOffsiteLitres,
    Bounds abioticDepletionKgSbEq,
    Bounds primaryEnergyMegajoules) {

  public Estimate {
    flags = Set.copyOf(flags);
  }

  /** Whether any quantity carries a range (the RequestImpact min/max fields are then set). */
  public boolean uncertain() {
    return facilityEnergyJoules.uncertain();
  }
}
