package io.inferenceimpact.topology.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.RequestImpact;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that name no GPU, through the wired topology, against the method computed by hand
 * ({@link HandComputed}). Defaults: node unknown to fleet config → PUE 1.2, WUE 0.569 L/kWh; zone
 * WORLD → 473.01 g/kWh (FALLBACK); world electricity water 3.908 L/kWh (EcoLogits'
 * electricity_mixes.csv, WOR). Llama-3.1-8B-Instruct: 8.03 B params, 16 bits → 1 GPU.
 */
class EstimationStageTest {
  private static final String LLAMA_8B = "meta-llama/Llama-3.1-8B-Instruct";
  private static final double P_8B = 8.03;
  private static final double REL = 1e-9;
  private EstimationDriver driver;

  @BeforeEach
  void setUp() {
    driver = new EstimationDriver("estimation-stage-test");
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldEstimateARequestWithoutGpusWithTheLlmMethod() {
    driver.pipe(EstimationDriver.request("r1", LLAMA_8B, 0, 10_000).build());

    final RequestImpact i = single(driver.impacts());
    // ΔT = min(200 × f_L(8.03) ≈ 8.977 s, 10 s): not latency-bounded. GPU ≈ 32.47 J.
    final double seconds = HandComputed.seconds(P_8B, 200, 10.0);
    final double gpu = HandComputed.gpuJoules(P_8B, 200);
    final double server = HandComputed.serverJoules(seconds);
    final double facility = 1.2 * (gpu + server);
    assertThat(seconds).isCloseTo(8.977, within(0.001));
    assertThat(gpu).isCloseTo(32.47, within(0.01));
    assertThat(i.getMethod()).isEqualTo(ImpactMethod.ESTIMATED);
    assertThat(i.getCatalogEntry()).isNotNull().doesNotContain("unknown");
    assertThat(i.getGpuEnergyJoules()).isCloseTo(gpu, within(gpu * REL));
    assertThat(i.getServerEnergyJoules()).isCloseTo(server, within(server * REL));
    assertThat(i.getFacilityEnergyJoules()).isCloseTo(facility, within(facility * REL));
    assertThat(i.getPueRatio()).isEqualTo(1.2);
    assertThat(i.getZone()).isEqualTo("WORLD");
    assertThat(i.getIntensitySource()).isEqualTo("FALLBACK");
    assertThat(i.getIntensityGPerKwh()).isEqualTo(473.01);
    assertThat(i.getOperationalEmissionsGrams())
        .isCloseTo(facility / 3.6e6 * 473.01, within(1e-12));
    assertThat(i.getEmbodiedEmissionsGrams())
        .isCloseTo(HandComputed.embodiedGrams(seconds), within(1e-15));
    assertThat(i.getWaterLitres())
        .isCloseTo((gpu + server) / 3.6e6 * (0.569 + 1.2 * 3.908), within(1e-15));
    assertThat(i.getWaterOnsiteLitres()).isCloseTo((gpu + server) / 3.6e6 * 0.569, within(1e-15));
    assertThat(i.getWaterOffsiteLitres()).isCloseTo(facility / 3.6e6 * 3.908, within(1e-15));
    assertThat(i.getFacilityEnergyMinJoules()).isNull(); // a known, exact size: no range
    assertThat(driver.counter("estimated-requests")).isEqualTo(1.0);
    assertThat(driver.counter("unknown-model-requests")).isZero();
  }

  @Test
  void shouldUseTheProvidersDatacenterAndTheRequestsZone() {
    driver.pipe(
        EstimationDriver.request("r1", LLAMA_8B, 0, 10_000)
            .setProvider("mistralai")
            .setZone("FR")
            .build());

    final RequestImpact i = single(driver.impacts());
    final double it =
        HandComputed.gpuJoules(P_8B, 200)
            + HandComputed.serverJoules(HandComputed.seconds(P_8B, 200, 10));
    // Mistral AI: PUE 1.16, WUE 0.09 (EcoLogits); France: 44.18 g/kWh, 3.6737 L/kWh.
    assertThat(i.getZone()).isEqualTo("FR");
    assertThat(i.getPueRatio()).isEqualTo(1.16);
    assertThat(i.getFacilityEnergyJoules()).isCloseTo(1.16 * it, within(it * REL));
    assertThat(i.getIntensityGPerKwh()).isEqualTo(44.18);
    assertThat(i.getOperationalEmissionsGrams())
        .isCloseTo(1.16 * it / 3.6e6 * 44.18, within(1e-12));
    assertThat(i.getWaterLitres()).isCloseTo(it / 3.6e6 * (0.09 + 1.16 * 3.6737), within(1e-12));
  }

  @Test
  void shouldEstimateAnUnknownModelWithTheDefaultEntryAndCountIt() {
    driver.pipe(EstimationDriver.request("u1", "acme/mystery-1", 0, 60_000).build());
    driver.pipe(EstimationDriver.request("u2", "acme/mystery-1", 0, 60_000).build());

    final List<RequestImpact> impacts = driver.impacts();
    assertThat(impacts).hasSize(2);
    final RequestImpact i = impacts.get(0);
    // Default entry: 7 to 70 B params → 1 to 4 GPUs; min at 7 B on 1 GPU, central = mean.
    final double minFacility =
        1.2
            * (HandComputed.gpuJoules(7, 200)
                + HandComputed.serverJoules(HandComputed.seconds(7, 200, 60)));
    assertThat(i.getMethod()).isEqualTo(ImpactMethod.ESTIMATED);
    assertThat(i.getCatalogEntry()).contains("default for unknown model acme/mystery-1");
    assertThat(i.getFacilityEnergyMinJoules()).isCloseTo(minFacility, within(minFacility * REL));
    assertThat(i.getFacilityEnergyMaxJoules()).isGreaterThan(4 * minFacility);
    assertThat(i.getFacilityEnergyJoules())
        .isCloseTo(
            (i.getFacilityEnergyMinJoules() + i.getFacilityEnergyMaxJoules()) / 2, within(1e-9));
    assertThat(i.getWaterMinLitres()).isLessThan(i.getWaterMaxLitres());
    assertThat(i.getOperationalEmissionsMaxGrams())
        .isCloseTo(i.getFacilityEnergyMaxJoules() / 3.6e6 * 473.01, within(1e-12));
    assertThat(driver.counter("unknown-model-requests")).isEqualTo(2.0);
  }

  @Test
  void shouldEstimateAnImageGenerationRequestFromThePublishedTaskFigure() {
    driver.pipe(
        EstimationDriver.request("img", "stabilityai/sdxl", 0, 4_000)
            .setTask("image-generation")
            .setOutputTokens(0)
            .setOutputImages(2)
            .build());

    final RequestImpact i = single(driver.impacts());
    // Luccioni et al. Table 2: 2.907 kWh per 1000 images → 10 465.2 J per image, whole node.
    final double it = 2 * 2.907 / 1000 * 3.6e6;
    assertThat(i.getMethod()).isEqualTo(ImpactMethod.ESTIMATED);
    assertThat(i.getTask()).isEqualTo("image-generation");
    assertThat(i.getGpuEnergyJoules()).isCloseTo(it, within(1e-6));
    assertThat(i.getServerEnergyJoules()).isZero();
    assertThat(i.getFacilityEnergyJoules()).isCloseTo(1.2 * it, within(1e-6));
    assertThat(i.getEmbodiedEmissionsGrams()).isZero();
  }

  @Test
  void shouldUseTheLlmMethodForATaskWithoutFigureThatGeneratedTokens() {
    driver.pipe(
        EstimationDriver.request("asr", LLAMA_8B, 0, 10_000)
            .setTask("speech-to-text")
            .setOutputTokens(50)
            .build());

    final RequestImpact i = single(driver.impacts());
    assertThat(i.getTask()).isEqualTo("speech-to-text");
    assertThat(i.getGpuEnergyJoules()).isCloseTo(HandComputed.gpuJoules(P_8B, 50), within(1e-9));
  }

  @Test
  void shouldSendATaskWithoutFigureOrOutputTokensToTheDlqAsUnestimable() {
    driver.pipe(
        EstimationDriver.request("asr", LLAMA_8B, 0, 10_000)
            .setTask("speech-to-text")
            .setOutputTokens(0)
            .build());

    assertThat(driver.impacts()).isEmpty();
    final List<TestRecord<byte[], byte[]>> dlq = driver.dlq();
    assertThat(dlq).hasSize(1);
    assertThat(
            new String(
                dlq.get(0).headers().lastHeader("impact.dlq.reason").value(),
                StandardCharsets.UTF_8))
        .isEqualTo("unestimable");
    assertThat(driver.decodeRequest(dlq.get(0).value()).getRequestId()).isEqualTo("asr");
    assertThat(driver.counter("unestimable-requests")).isEqualTo(1.0);
  }

  @Test
  void shouldEstimateZeroForATextRequestWithoutOutputTokensAndCountIt() {
    driver.pipe(EstimationDriver.request("empty", LLAMA_8B, 0, 3_000).setOutputTokens(0).build());

    final RequestImpact i = single(driver.impacts());
    // The method charges decode only: no output tokens, nothing charged (defined, counted).
    assertThat(i.getMethod()).isEqualTo(ImpactMethod.ESTIMATED);
    assertThat(i.getFacilityEnergyJoules()).isZero();
    assertThat(i.getEmbodiedEmissionsGrams()).isZero();
    assertThat(driver.counter("no-output-token-requests")).isEqualTo(1.0);
  }

  @Test
  void shouldChargeOnlyGpuEnergyToAZeroLengthRequest() {
    driver.pipe(EstimationDriver.request("instant", LLAMA_8B, 5_000, 5_000).build());

    final RequestImpact i = single(driver.impacts());
    // Measured latency 0 bounds ΔT to 0: no server or embodied share; GPU energy per token stays.
    final double gpu = HandComputed.gpuJoules(P_8B, 200);
    assertThat(i.getGpuEnergyJoules()).isCloseTo(gpu, within(gpu * REL));
    assertThat(i.getServerEnergyJoules()).isZero();
    assertThat(i.getEmbodiedEmissionsGrams()).isZero();
    assertThat(i.getFacilityEnergyJoules()).isCloseTo(1.2 * gpu, within(gpu * REL));
  }

  private static RequestImpact single(final List<RequestImpact> impacts) {
    assertThat(impacts).hasSize(1);
    return impacts.get(0);
  }
}
