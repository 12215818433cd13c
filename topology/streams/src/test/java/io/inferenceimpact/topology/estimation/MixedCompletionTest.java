package io.inferenceimpact.topology.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.RequestImpact;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A measured request with a sampling gap (MIXED) gets the estimate of its unmeasured share added:
 * share = unmeasured GPU time / (GPUs × duration). Defaults: 5 s slots, maxSampleGap 30 s, node-1
 * unknown to fleet config → 150 W server share per GPU, PUE 1.2, WUE 0.569.
 */
class MixedCompletionTest {
  private static final String LLAMA_8B = "meta-llama/Llama-3.1-8B-Instruct";
  private EstimationDriver driver;

  @BeforeEach
  void setUp() {
    driver = new EstimationDriver("mixed-completion-test");
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldAddTheEstimateOfTheUnmeasuredHalfToTheMeasuredHalf() {
    driver.steady("GPU-A", 0, 5_000, 300.0);
    driver.steady("GPU-A", 45_000, 50_000, 300.0); // 40 s silence > 30 s maxSampleGap
    driver.pipe(
        EstimationDriver.request("r", LLAMA_8B, 0, 10_000)
            .setNode("node-1")
            .setGpuUuids(List.of("GPU-A"))
            .build());
    driver.finishAll();

    final List<RequestImpact> impacts = driver.impacts();
    assertThat(impacts).hasSize(1);
    final RequestImpact i = impacts.get(0);
    // Measured: slot [0, 5 s) at 300 W → 1 500 J GPU, 750 J server. Unmeasured: [5 s, 10 s),
    // share 5 000 / (1 × 10 000) = 0.5 of the whole request's estimate.
    final double seconds = HandComputed.seconds(8.03, 200, 10.0);
    final double estGpu = HandComputed.gpuJoules(8.03, 200);
    final double estServer = HandComputed.serverJoules(seconds);
    final double gpu = 1_500.0 + 0.5 * estGpu;
    final double server = 750.0 + 0.5 * estServer;
    final double facility = 1.2 * (1_500.0 + 750.0) + 0.5 * 1.2 * (estGpu + estServer);
    assertThat(i.getMethod()).isEqualTo(ImpactMethod.MIXED);
    assertThat(i.getGpuEnergyJoules()).isCloseTo(gpu, within(1e-6));
    assertThat(i.getServerEnergyJoules()).isCloseTo(server, within(1e-6));
    assertThat(i.getFacilityEnergyJoules()).isCloseTo(facility, within(1e-6));
    assertThat(i.getPueRatio()).isCloseTo(1.2, within(1e-12));
    assertThat(i.getOperationalEmissionsGrams())
        .isCloseTo(facility / 3.6e6 * 473.01, within(1e-12));
    // Water as for measured and estimated requests: on-site IT kWh × WUE 0.569, off-site facility
    // kWh × 3.908 L/kWh (world electricity), the measured and the estimated halves alike.
    assertThat(i.getWaterOnsiteLitres()).isCloseTo((gpu + server) / 3.6e6 * 0.569, within(1e-12));
    assertThat(i.getWaterOffsiteLitres()).isCloseTo(facility / 3.6e6 * 3.908, within(1e-12));
    assertThat(i.getWaterLitres())
        .isCloseTo((gpu + server) / 3.6e6 * 0.569 + facility / 3.6e6 * 3.908, within(1e-12));
    assertThat(i.getFacilityEnergyMinJoules()).isNull();
  }

  @Test
  void shouldCompleteAbioticDepletionAndPrimaryEnergyLikeEnergy() {
    // The measured half alone (a fully measured request of [0, 5 s)) and the estimate of the whole
    // request as if unmeasured (no GPUs): the MIXED request must carry the first plus half the
    // second, as its energy does.
    driver.steady("GPU-A", 0, 5_000, 300.0);
    driver.steady("GPU-A", 45_000, 50_000, 300.0); // 40 s silence > 30 s maxSampleGap
    driver.pipe(
        EstimationDriver.request("measured", LLAMA_8B, 0, 5_000)
            .setNode("node-1")
            .setGpuUuids(List.of("GPU-B"))
            .build());
    driver.steady("GPU-B", 0, 5_000, 300.0);
    driver.steady("GPU-B", 45_000, 50_000, 300.0);
    driver.pipe(
        EstimationDriver.request("mixed", LLAMA_8B, 0, 10_000)
            .setNode("node-1")
            .setGpuUuids(List.of("GPU-A"))
            .build());
    driver.pipe(
        EstimationDriver.request("estimated", LLAMA_8B, 0, 10_000).setNode("node-1").build());
    driver.finishAll();

    final Map<String, RequestImpact> byId = new TreeMap<>();
    driver.impacts().forEach(i -> byId.put(i.getRequestId(), i));
    final RequestImpact measured = byId.get("measured");
    final RequestImpact estimated = byId.get("estimated");
    final RequestImpact mixed = byId.get("mixed");
    assertThat(measured.getMethod()).isEqualTo(ImpactMethod.MEASURED);
    assertThat(estimated.getMethod()).isEqualTo(ImpactMethod.ESTIMATED);
    assertThat(mixed.getMethod()).isEqualTo(ImpactMethod.MIXED);
    // Same check on energy first, so that the expectation below is the rule, not a coincidence.
    assertThat(mixed.getGpuEnergyJoules())
        .isCloseTo(
            measured.getGpuEnergyJoules() + 0.5 * estimated.getGpuEnergyJoules(), within(1e-6));
    assertThat(mixed.getAbioticDepletionKgSbEq())
        .isCloseTo(
            measured.getAbioticDepletionKgSbEq() + 0.5 * estimated.getAbioticDepletionKgSbEq(),
            within(1e-15));
    assertThat(mixed.getPrimaryEnergyMegajoules())
        .isCloseTo(
            measured.getPrimaryEnergyMegajoules() + 0.5 * estimated.getPrimaryEnergyMegajoules(),
            within(1e-9));
  }

  @Test
  void shouldLeaveAFullyMeasuredRequestAlone() {
    driver.steady("GPU-A", 0, 20_000, 300.0);
    driver.pipe(
        EstimationDriver.request("r", LLAMA_8B, 5_000, 10_000)
            .setNode("node-1")
            .setGpuUuids(List.of("GPU-A"))
            .build());
    driver.finishAll();

    final RequestImpact i = driver.impacts().get(0);
    assertThat(i.getMethod()).isEqualTo(ImpactMethod.MEASURED);
    assertThat(i.getGpuEnergyJoules()).isCloseTo(1_500.0, within(1e-6));
  }
}
