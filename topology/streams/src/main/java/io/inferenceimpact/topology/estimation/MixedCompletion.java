package io.inferenceimpact.topology.estimation;

import io.inferenceimpact.accounting.ImpactAccounting;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.estimation.Estimate;
import io.inferenceimpact.topology.attribution.MeasuredRequestEnergy;
import io.inferenceimpact.topology.attribution.UnmeasuredCompletion;
import java.util.Optional;

/**
 * Adds the estimate of a MIXED request's unmeasured share to its measured energy. Rule: share =
 * unmeasured GPU time / (GPUs of the request × its duration), clamped to [0, 1] (1 for a
 * zero-length request); the estimate is that of the whole request as if unmeasured ({@link
 * RequestEstimator}, in the record's zone), and share × its GPU, server and facility energy and
 * embodied grams are added. Derived fields are recomputed from the totals with the measured part's
 * rules: operational grams = facility kWh × the record's intensity, PUE = facility / IT; on-site
 * and off-site water each += share × the estimate's (on-site: IT kWh × WUE; off-site: facility kWh
 * × the zone's water intensity of electricity), water = their sum; abiotic depletion and primary
 * energy each += share × the estimate's (usage of the zone's electricity plus the embodied share),
 * so that every indicator covers the same energy. A request no method can estimate keeps its
 * measured part (still MIXED). Method and min/max fields are left as they are (min/max describe
 * ESTIMATED records).
 */
public final class MixedCompletion implements UnmeasuredCompletion {
  private final RequestEstimator estimator;

  public MixedCompletion(final RequestEstimator estimator) {
    this.estimator = estimator;
  }

  @Override
  public RequestImpact complete(final MeasuredRequestEnergy energy, final RequestImpact measured) {
    final InferenceRequest r = energy.request();
    final double share = unmeasuredShare(energy, r);
    final Optional<Estimate> estimate = estimator.estimate(r, estimator.mixOf(measured.getZone()));
    if (share == 0.0 || estimate.isEmpty()) {
      return measured;
    }
    final Estimate e = estimate.get();
    final double addedGpu = share * e.gpuEnergyJoules().value();
    final double addedServer = share * e.serverEnergyJoules().value();
    final double gpu = measured.getGpuEnergyJoules() + addedGpu;
    final double server = measured.getServerEnergyJoules() + addedServer;
    final double facility =
        measured.getFacilityEnergyJoules() + share * e.facilityEnergyJoules().value();
    final double it = gpu + server;
    final double onsite =
        orZero(measured.getWaterOnsiteLitres()) + share * e.waterOnsiteLitres().value();
    final double offsite =
        orZero(measured.getWaterOffsiteLitres()) + share * e.waterOffsiteLitres().value();
    return RequestImpact.newBuilder(measured)
        .setGpuEnergyJoules(gpu)
        .setServerEnergyJoules(server)
        .setFacilityEnergyJoules(facility)
        .setPueRatio(it > 0 ? facility / it : measured.getPueRatio())
        .setOperationalEmissionsGrams(
            ImpactAccounting.operationalGrams(facility, measured.getIntensityGPerKwh()))
        .setEmbodiedEmissionsGrams(
            measured.getEmbodiedEmissionsGrams() + share * e.embodiedEmissionsGrams().value())
        .setWaterLitres(onsite + offsite)
        .setWaterOnsiteLitres(onsite)
        .setWaterOffsiteLitres(offsite)
        .setAbioticDepletionKgSbEq(
            plus(measured.getAbioticDepletionKgSbEq(), share * e.abioticDepletionKgSbEq().value()))
        .setPrimaryEnergyMegajoules(
            plus(
                measured.getPrimaryEnergyMegajoules(), share * e.primaryEnergyMegajoules().value()))
        .build();
  }

  private static double plus(final Double measured, final double added) {
    return orZero(measured) + added;
  }

  private static double orZero(final Double value) {
    return value == null ? 0.0 : value;
  }

  /** Unmeasured GPU time over the request's GPU time, in [0, 1]. */
  static double unmeasuredShare(final MeasuredRequestEnergy energy, final InferenceRequest r) {
    final long durationMillis = r.getEndTime().toEpochMilli() - r.getStartTime().toEpochMilli();
    final int gpus = Math.max(1, energy.gpuUuids().size());
    if (energy.unmeasuredGpuMillis() <= 0) {
      return 0.0;
    }
    if (durationMillis <= 0) {
      return 1.0;
    }
    return Math.min(1.0, energy.unmeasuredGpuMillis() / ((double) gpus * durationMillis));
  }
}
