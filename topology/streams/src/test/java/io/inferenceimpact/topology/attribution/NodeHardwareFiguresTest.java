package io.inferenceimpact.topology.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.accounting.ImpactAccounting;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.estimation.ElectricityMix;
import io.inferenceimpact.estimation.ElectricityMixes;
import io.inferenceimpact.testing.WholeTopologyDriver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Abiotic depletion and primary energy of a measured request take the embodied share of the node's
 * own hardware figures from fleet config. A lone 5 s request on one GPU of node-1 (8 GPUs, 3-year
 * life), zone WORLD.
 */
class NodeHardwareFiguresTest {

  @Test
  void shouldUseTheNodesOwnHardwareFiguresForEmbodiedAdpeAndPrimaryEnergy() throws Exception {
    final Properties p = new Properties();
    p.put("fleet.nodes.node-1.embodiedServerAdpeKgSbEq", "0");
    p.put("fleet.nodes.node-1.embodiedGpuAdpeKgSbEq", "8.0");
    p.put("fleet.nodes.node-1.embodiedServerPrimaryEnergyMj", "4000");
    p.put("fleet.nodes.node-1.embodiedGpuPrimaryEnergyMj", "0");
    final RequestImpact impact;
    try (WholeTopologyDriver driver =
        new WholeTopologyDriver("node-hardware-figures-test", ConfigLoader.load(p, Map.of()))) {
      driver.steady("GPU-A", 0, 20_000, 300.0);
      driver.pipe(
          InferenceRequest.newBuilder()
              .setRequestId("r1")
              .setModel("llama")
              .setNode("node-1")
              .setGpuUuids(List.of("GPU-A"))
              .setStartTime(Instant.ofEpochMilli(WholeTopologyDriver.T0 + 5_000))
              .setEndTime(Instant.ofEpochMilli(WholeTopologyDriver.T0 + 10_000))
              .setInputTokens(100)
              .setOutputTokens(200)
              .build());
      driver.finishAll();
      impact = driver.impacts().readValuesToList().get(0);
    }

    final ElectricityMix world = ElectricityMixes.bundled().forZoneOrWorld("WORLD");
    final double kwh = impact.getFacilityEnergyJoules() / 3.6e6;
    // 5 s of 3 years, 1 of 8 GPUs: ADPe 8 × 8 GPUs = 64 kg Sb eq, primary energy 4 000 MJ.
    final double share = 5.0 / (3 * ImpactAccounting.SECONDS_PER_YEAR) / 8;
    assertThat(impact.getAbioticDepletionKgSbEq())
        .isCloseTo(kwh * world.adpeKgSbEqPerKwh() + 64.0 * share, within(1e-15));
    assertThat(impact.getPrimaryEnergyMegajoules())
        .isCloseTo(kwh * world.primaryEnergyMjPerKwh() + 4_000.0 * share, within(1e-12));
  }
}
