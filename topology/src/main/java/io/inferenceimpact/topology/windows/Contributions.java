package io.inferenceimpact.topology.windows;

import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.config.Zones;
import io.inferenceimpact.estimate.ElectricityMixes;
import io.inferenceimpact.impact.ImpactAccounting;
import io.inferenceimpact.topology.attribution.IdleEnergy;
import io.inferenceimpact.topology.grid.ResolvedIntensity;

/**
 * Turns the window stage's two inputs into {@link WindowContribution}s.
 *
 * <ul>
 *   <li>A request: its own zone, tenant and figures as they reach {@code impact.requests.v1}; its
 *       event time is its end time; ESTIMATED ones are flagged (they arrive without waiting for the
 *       energy grace).
 *   <li>An idle slot: zone = the node's zone from fleet config, else {@code zones.defaultZone};
 *       facility energy as the attribution computed it ({@code (gpu + server) × PUE} of the node);
 *       water = IT kWh × the node's WUE on-site + facility kWh × the water intensity of the zone's
 *       electricity off-site (as for requests); no embodied share (the SCI embodied share follows
 *       reserved time, which idle time is not); no tenant; event time = slot start (a slot lies in
 *       one window: window size is a multiple of the slot). Its operational emissions are set by
 *       {@link #withIntensity} once the grid stage has found the zone's intensity as of the slot
 *       start ({@link io.inferenceimpact.topology.grid.GridStage#joinAsOf}, the same rule as for
 *       requests); until then they are 0.
 * </ul>
 */
public final class Contributions {
  private final ImpactConfig config;
  private final ElectricityMixes mixes = ElectricityMixes.bundled();

  public Contributions(final ImpactConfig config) {
    this.config = config;
  }

  public static WindowContribution ofRequest(final RequestImpact r) {
    return new WindowContribution(
        r.getModel(),
        r.getZone(),
        r.getTenant(),
        r.getEndTime().toEpochMilli(),
        new WindowTotals(
            1,
            r.getMethod() == ImpactMethod.MEASURED ? 0 : 1,
            r.getInputTokens(),
            r.getOutputTokens(),
            r.getGpuEnergyJoules(),
            0.0,
            r.getServerEnergyJoules(),
            r.getFacilityEnergyJoules(),
            r.getOperationalEmissionsGrams(),
            r.getEmbodiedEmissionsGrams(),
            r.getWaterLitres(),
            orZero(r.getWaterOnsiteLitres()),
            orZero(r.getWaterOffsiteLitres()),
            r.getTrainingEmissionsGrams(),
            r.getTrainingWaterLitres()),
        r.getMethod() == ImpactMethod.ESTIMATED);
  }

  /** An idle slot's contribution, without operational emissions yet (see the class comment). */
  public WindowContribution ofIdle(final IdleEnergy idle) {
    final NodeSettings node = config.fleet().node(idle.node());
    final String zone = Zones.zoneOf(config, idle.node(), null);
    final double onsite =
        ImpactAccounting.waterLitres(
            idle.gpuJoules() + idle.serverJoules(), node.wueLitresPerKwh());
    final double offsite =
        ImpactAccounting.offsiteWaterLitres(
            idle.facilityJoules(), mixes.forZoneOrWorld(zone).wueLitresPerKwh());
    return new WindowContribution(
        idle.model(),
        zone,
        null,
        idle.slotStartMillis(),
        new WindowTotals(
            0,
            0,
            0,
            0,
            0.0,
            idle.gpuJoules(),
            idle.serverJoules(),
            idle.facilityJoules(),
            0.0,
            0.0,
            onsite + offsite,
            onsite,
            offsite,
            null,
            null));
  }

  private static double orZero(final Double value) {
    return value == null ? 0.0 : value;
  }

  /** The contribution with operational emissions = facility kWh × the resolved intensity. */
  public static WindowContribution withIntensity(
      final WindowContribution c, final ResolvedIntensity grid) {
    return new WindowContribution(
        c.model(),
        c.zone(),
        c.tenant(),
        c.eventTimeMillis(),
        c.totals()
            .withOperationalGrams(
                ImpactAccounting.operationalGrams(
                    c.totals().facilityEnergyJoules(), grid.gramsPerKwh())),
        c.estimated());
  }
}
