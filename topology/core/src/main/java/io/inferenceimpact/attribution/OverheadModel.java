package io.inferenceimpact.attribution;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Adds the node's non-GPU server energy and the datacenter PUE to a GPU attribution.
 *
 * <p>Rules: the server power from fleet config is split equally among the node's GPUs and counted
 * for the slot's MEASURED time only (unmeasured time goes to the estimated path with its own server
 * share). A GPU's server energy for the slot is then given to its requests and idle models in the
 * same proportions as its GPU energy. If the GPU measured zero energy the proportions are undefined
 * and the server energy is charged as idle to the slot's last served model. Facility energy is
 * {@code (gpu + server) × PUE}. Linear in the GPU split when GPU energy is non-zero, so it can be
 * applied to an old and a new attribution and their difference taken as the correction.
 */
public final class OverheadModel {

  private final NodeOverhead node;

  public OverheadModel(final NodeOverhead node) {
    this.node = node;
  }

  /** Server energy charged to one GPU for the measured time of {@code slot}, joules. */
  public double serverJoules(final SlotEnergy slot) {
    return node.serverPowerPerGpuWatts() * slot.measuredMillis() / 1000.0;
  }

  /** Extends {@code attribution} (the split of {@code slot}) with server and facility energy. */
  public FacilityAttribution apply(final SlotEnergy slot, final SlotAttribution attribution) {
    final double serverJoules = serverJoules(slot);
    final double gpuJoules = attribution.slotEnergyJoules();
    final double pue = node.pue();
    final SortedMap<String, EnergyBreakdown> requests = new TreeMap<>();
    final SortedMap<String, EnergyBreakdown> idle = new TreeMap<>();
    if (gpuJoules > 0) {
      final double serverPerGpuJoule = serverJoules / gpuJoules;
      for (final RequestEnergy share : attribution.requests().values()) {
        requests.put(
            share.requestId(),
            EnergyBreakdown.of(
                share.energyJoules(), share.energyJoules() * serverPerGpuJoule, pue));
      }
      for (final Map.Entry<String, Double> entry : attribution.idleJoulesByModel().entrySet()) {
        idle.put(
            entry.getKey(),
            EnergyBreakdown.of(entry.getValue(), entry.getValue() * serverPerGpuJoule, pue));
      }
    } else if (serverJoules > 0) {
      idle.put(attribution.lastServedModel(), EnergyBreakdown.of(0.0, serverJoules, pue));
    }
    return new FacilityAttribution(
        attribution.gpuId(),
        attribution.slotStartMillis(),
        gpuJoules,
        serverJoules,
        pue,
        requests,
        idle);
  }
}
