package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;

/**
 * One inference server of the fleet (or the fleet's defaults): where it is and what it costs beyond
 * its GPUs. A node's missing keys take the values of {@code fleet.defaults}.
 *
 * @param zone grid zone of the node, or null to use the request's zone, then {@code
 *     zones.defaultZone}
 * @param pue datacenter power usage effectiveness (facility energy / IT energy), >= 1.0
 * @param wueLitresPerKwh on-site water usage effectiveness, litres per kWh of IT energy
 * @param serverOverheadWatts power of the server without its GPUs (CPU, memory, fans), spread over
 *     the GPUs
 * @param gpuCount GPUs in the server
 * @param gpuType GPU model, e.g. H100
 * @param embodiedServerGramsCo2e embodied footprint of the server without GPUs
 * @param embodiedGpuGramsCo2e embodied footprint of one GPU
 * @param embodiedServerAdpeKgSbEq embodied abiotic depletion of the server without GPUs, kg Sb eq
 * @param embodiedGpuAdpeKgSbEq embodied abiotic depletion of one GPU, kg Sb eq
 * @param embodiedServerPrimaryEnergyMj embodied primary energy of the server without GPUs, MJ
 * @param embodiedGpuPrimaryEnergyMj embodied primary energy of one GPU, MJ
 * @param lifetimeYears expected life of the hardware, for amortising the embodied footprint
 */
public record NodeSettings(
    String zone,
    double pue,
    double wueLitresPerKwh,
    double serverOverheadWatts,
    int gpuCount,
    String gpuType,
    double embodiedServerGramsCo2e,
    double embodiedGpuGramsCo2e,
    double embodiedServerAdpeKgSbEq,
    double embodiedGpuAdpeKgSbEq,
    double embodiedServerPrimaryEnergyMj,
    double embodiedGpuPrimaryEnergyMj,
    double lifetimeYears) {

  /**
   * Built-in defaults. Sources (EcoLogits v0.9 methodology): PUE 1.20 and WUE 0.569 L/kWh are
   * Azure's published figures; 1.2 kW for an 8-GPU server without GPUs; 5 700 kgCO2e per server
   * without GPUs, 164 kgCO2e per H100; abiotic depletion 0.37 kg Sb eq per server without GPUs and
   * 5.1 g Sb eq per H100, primary energy 70 000 MJ per server without GPUs and 1 828 MJ per H100
   * (EcoLogits' server and GPU footprints, {@code EcoLogitsConstants.V0_9}); 3-year life.
   */
  public static final NodeSettings DEFAULTS =
      new NodeSettings(
          null,
          1.20,
          0.569,
          1_200.0,
          8,
          "H100",
          5_700_000.0,
          164_000.0,
          0.37,
          5.1e-3,
          70_000.0,
          1_828.0,
          3.0);

  /**
   * The same kind of node in another zone with another GPU complement. The server overhead is
   * scaled with the GPU count: it is configured for a server of {@code gpuCount} GPUs (EcoLogits:
   * 1.2 kW for an 8-GPU server), and a smaller server draws proportionally less.
   */
  public NodeSettings withPlacement(final String newZone, final int gpus, final String gpu) {
    return new NodeSettings(
        newZone,
        pue,
        wueLitresPerKwh,
        serverOverheadWatts * gpus / gpuCount,
        gpus,
        gpu,
        embodiedServerGramsCo2e,
        embodiedGpuGramsCo2e,
        embodiedServerAdpeKgSbEq,
        embodiedGpuAdpeKgSbEq,
        embodiedServerPrimaryEnergyMj,
        embodiedGpuPrimaryEnergyMj,
        lifetimeYears);
  }

  static NodeSettings bind(final ConfigNode node, final NodeSettings d) {
    final NodeSettings n =
        new NodeSettings(
            node.string("zone", d.zone()),
            node.number("pue", d.pue(), 1.0),
            node.number("wueLitresPerKwh", d.wueLitresPerKwh(), 0.0),
            node.number("serverOverheadWatts", d.serverOverheadWatts(), 0.0),
            node.integer("gpuCount", d.gpuCount(), 1, 1024),
            node.string("gpuType", d.gpuType()),
            node.number("embodiedServerGramsCo2e", d.embodiedServerGramsCo2e(), 0.0),
            node.number("embodiedGpuGramsCo2e", d.embodiedGpuGramsCo2e(), 0.0),
            node.number("embodiedServerAdpeKgSbEq", d.embodiedServerAdpeKgSbEq(), 0.0),
            node.number("embodiedGpuAdpeKgSbEq", d.embodiedGpuAdpeKgSbEq(), 0.0),
            node.number("embodiedServerPrimaryEnergyMj", d.embodiedServerPrimaryEnergyMj(), 0.0),
            node.number("embodiedGpuPrimaryEnergyMj", d.embodiedGpuPrimaryEnergyMj(), 0.0),
            node.number("lifetimeYears", d.lifetimeYears(), 0.0));
    if (n.lifetimeYears() == 0.0) {
      node.binding().problem(node.pathOf("lifetimeYears"), "must be > 0, was 0");
    }
    node.finish();
    return n;
  }
}
