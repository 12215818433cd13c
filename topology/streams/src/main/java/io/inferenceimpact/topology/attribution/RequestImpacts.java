package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.accounting.ImpactAccounting;
import io.inferenceimpact.accounting.RequestImpactBuilders;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.config.Zones;
import io.inferenceimpact.estimation.ElectricityMix;
import io.inferenceimpact.estimation.ElectricityMixes;

/**
 * Turns a request's measured energy into its {@link RequestImpact} (stage 6 for measured requests).
 *
 * <ul>
 *   <li>Method MEASURED, or MIXED when part of its GPU time had no measured slot (that part is
 *       added by the {@link UnmeasuredCompletion} the estimation stage provides: {@link
 *       MeasuredRequestEnergy#unmeasuredGpuMillis()}).
 *   <li>Zone: the node's zone from fleet config, else the request's zone, else {@code
 *       zones.defaultZone}. Intensity: until the grid stage joins live values, the zone's static
 *       annual factor ({@code zones.fallbackGramsPerKwh}, else the world's) with source FALLBACK.
 *   <li>Embodied: SCI {@code M} with TE = the node's server + GPUs, TiR = the request's mean share
 *       of busy time per GPU, RR/ToR = GPUs used / GPUs in the node. Water: on-site IT kWh × the
 *       node's WUE plus off-site facility kWh × the water intensity of the zone's electricity
 *       (EcoLogits' mixes, world average for an unknown zone), as for estimated requests.
 * </ul>
 */
final class RequestImpacts {
  static final String FALLBACK_SOURCE = "FALLBACK";

  private final ImpactConfig config;
  private final UnmeasuredCompletion completion;
  private final ElectricityMixes mixes = ElectricityMixes.bundled();

  RequestImpacts(final ImpactConfig config, final UnmeasuredCompletion completion) {
    this.config = config;
    this.completion = completion;
  }

  /** Whether fleet config lists the node (others get {@code fleet.defaults}). */
  boolean knowsNode(final String node) {
    return node != null && config.fleet().nodes().containsKey(node);
  }

  /** The measured impact, completed for the unmeasured GPU time of a MIXED request. */
  RequestImpact of(final MeasuredRequestEnergy energy) {
    final RequestImpact measured = measuredPart(energy);
    return energy.unmeasuredGpuMillis() > 0 ? completion.complete(energy, measured) : measured;
  }

  private RequestImpact measuredPart(final MeasuredRequestEnergy energy) {
    final InferenceRequest r = energy.request();
    final NodeSettings node = config.fleet().node(r.getNode());
    final String zone = Zones.zoneOf(config, r.getNode(), r.getZone());
    final double intensity = config.zones().fallbackFor(zone);
    final double itJoules = energy.gpuJoules() + energy.serverJoules();
    final int gpusUsed = energy.gpuUuids().size();
    final double reservedSeconds = energy.reservedGpuMillis() / 1000.0 / gpusUsed;
    final double lifetimeSeconds = node.lifetimeYears() * ImpactAccounting.SECONDS_PER_YEAR;
    final double embodied =
        ImpactAccounting.embodiedGrams(
            ImpactAccounting.serverEmbodiedGrams(
                node.embodiedServerGramsCo2e(), node.embodiedGpuGramsCo2e(), node.gpuCount()),
            reservedSeconds,
            lifetimeSeconds,
            gpusUsed,
            node.gpuCount());
    // Abiotic depletion and primary energy: the zone's electricity factors plus the node's own
    // hardware's embodied share (fleet config; defaults: EcoLogits' server and H100 footprints).
    final ElectricityMix mix = mixes.forZoneOrWorld(zone);
    // Water: on-site IT kWh × the node's WUE, off-site facility kWh × the water intensity of the
    // zone's electricity (ImpactAccounting has the sources).
    final double onsiteWater = ImpactAccounting.waterLitres(itJoules, node.wueLitresPerKwh());
    final double offsiteWater =
        ImpactAccounting.offsiteWaterLitres(energy.facilityJoules(), mix.wueLitresPerKwh());
    final double adpe =
        ImpactAccounting.usagePlusEmbodied(
            energy.facilityJoules(),
            mix.adpeKgSbEqPerKwh(),
            ImpactAccounting.embodiedShare(
                node.embodiedServerAdpeKgSbEq() + node.embodiedGpuAdpeKgSbEq() * node.gpuCount(),
                reservedSeconds,
                lifetimeSeconds,
                gpusUsed,
                node.gpuCount()));
    final double primaryEnergy =
        ImpactAccounting.usagePlusEmbodied(
            energy.facilityJoules(),
            mix.primaryEnergyMjPerKwh(),
            ImpactAccounting.embodiedShare(
                node.embodiedServerPrimaryEnergyMj()
                    + node.embodiedGpuPrimaryEnergyMj() * node.gpuCount(),
                reservedSeconds,
                lifetimeSeconds,
                gpusUsed,
                node.gpuCount()));
    return RequestImpactBuilders.of(r, zone)
        .setMethod(energy.unmeasuredGpuMillis() > 0 ? ImpactMethod.MIXED : ImpactMethod.MEASURED)
        .setGpuEnergyJoules(energy.gpuJoules())
        .setServerEnergyJoules(energy.serverJoules())
        .setFacilityEnergyJoules(energy.facilityJoules())
        .setPueRatio(node.pue()) // facility = IT × this PUE, slot by slot
        .setIntensityGPerKwh(intensity)
        .setIntensitySource(FALLBACK_SOURCE)
        .setOperationalEmissionsGrams(
            ImpactAccounting.operationalGrams(energy.facilityJoules(), intensity))
        .setEmbodiedEmissionsGrams(embodied)
        .setWaterLitres(onsiteWater + offsiteWater)
        .setWaterOnsiteLitres(onsiteWater)
        .setWaterOffsiteLitres(offsiteWater)
        .setAbioticDepletionKgSbEq(adpe)
        .setPrimaryEnergyMegajoules(primaryEnergy)
        .build();
  }
}
