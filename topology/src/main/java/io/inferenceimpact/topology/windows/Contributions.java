package io.inferenceimpact.topology.windows;

import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.impact.ImpactAccounting;
import io.inferenceimpact.topology.attribution.IdleEnergy;

/**
 * Turns the window stage's two inputs into {@link WindowContribution}s.
 *
 * <ul>
 *   <li>A request: its own zone, tenant and figures as they reach {@code impact.requests.v1}; its
 *       event time is its end time.
 *   <li>An idle slot: zone = the node's zone from fleet config, else {@code zones.defaultZone};
 *       facility energy as the attribution computed it ({@code (gpu + server) × PUE} of the node);
 *       intensity from {@link IdleIntensity}; water = IT kWh × the node's WUE; no embodied share
 *       (the SCI embodied share follows reserved time, which idle time is not); no tenant; event
 *       time = slot start (a slot lies in one window: window size is a multiple of the slot).
 * </ul>
 */
public final class Contributions {
  private final ImpactConfig config;
  private final IdleIntensity intensity;

  public Contributions(final ImpactConfig config, final IdleIntensity intensity) {
    this.config = config;
    this.intensity = intensity;
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
            r.getWaterLitres()));
  }

  public WindowContribution ofIdle(final IdleEnergy idle) {
    final NodeSettings node = config.fleet().node(idle.node());
    final String zone = node.zone() != null ? node.zone() : config.zones().defaultZone();
    final double gramsPerKwh = intensity.gramsPerKwh(zone, idle.slotStartMillis());
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
            ImpactAccounting.operationalGrams(idle.facilityJoules(), gramsPerKwh),
            0.0,
            ImpactAccounting.waterLitres(
                idle.gpuJoules() + idle.serverJoules(), node.wueLitresPerKwh())));
  }
}
