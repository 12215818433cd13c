package io.inferenceimpact.topology.windows;

import io.inferenceimpact.accounting.ImpactAccounting;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.config.Zones;
import io.inferenceimpact.estimation.ElectricityMixes;
import io.inferenceimpact.topology.attribution.IdleEnergy;
import io.inferenceimpact.topology.grid.ResolvedIntensity;

/**
 * Turns the window stage's two inputs into {@link WindowContribution}s.
 *
 * <ul>
 *   <li>A request: its own zone, tenant and figures as they reach {@code impact.requests.v1}; its
 *       event time is its end time.
 *   <li>An idle slot: zone by the one rule ({@code config.Zones}: the node's zone from fleet
 *       config, else the zone named by the latest request of the model on the GPU, else {@code
 *       zones.defaultZone}); facility energy as the attribution computed it ({@code (gpu + server)
 *       × PUE} of the node); water = IT kWh × the node's WUE on-site + facility kWh × the water
 *       intensity of the zone's electricity off-site (as for requests); embodied = the server's
 *       footprint × idle GPU time / expected life / GPUs in the server (idle time is reserved for
 *       the model too, docs/METHODS.md); no tenant; event time = slot start (a slot lies in one
 *       window: window size is a multiple of the slot). Its operational emissions are set by {@link
 *       #withIntensity} once the grid stage has found the zone's intensity as of the slot start
 *       ({@link io.inferenceimpact.topology.grid.GridStage#joinAsOf}, the same rule as for
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
            r.getTrainingWaterLitres()));
  }

  /** An idle slot's contribution, without operational emissions yet (see the class comment). */
  public WindowContribution ofIdle(final IdleEnergy idle) {
    final NodeSettings node = config.fleet().node(idle.node());
    final String zone = Zones.zoneOf(config, idle.node(), idle.requestZone());
    final double onsite =
        ImpactAccounting.waterLitres(
            idle.gpuJoules() + idle.serverJoules(), node.wueLitresPerKwh());
    final double offsite =
        ImpactAccounting.offsiteWaterLitres(
            idle.facilityJoules(), mixes.forZoneOrWorld(zone).wueLitresPerKwh());
    // Idle GPU time is reserved for the model too: one GPU of the server for that time.
    final double embodied =
        ImpactAccounting.embodiedGrams(
            ImpactAccounting.serverEmbodiedGrams(
                node.embodiedServerGramsCo2e(), node.embodiedGpuGramsCo2e(), node.gpuCount()),
            idle.idleMillis() / 1000.0,
            node.lifetimeYears() * ImpactAccounting.SECONDS_PER_YEAR,
            1,
            node.gpuCount());
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
            embodied,
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
                    c.totals().facilityEnergyJoules(), grid.gramsPerKwh())));
  }
}
