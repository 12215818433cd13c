package io.inferenceimpact.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.inferenceimpact.avro.ImpactMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EcoLogits method against published and hand-computed numbers. Units of EcoLogits (Wh, kWh,
 * kg) are converted here: 1 Wh = 3600 J, 1 kWh = 3.6e6 J, 1 kg = 1000 g.
 */
class LlmInferenceEstimatorTest {

  private static final double WH = 3600.0;
  private static final double KWH = 3.6e6;
  private static final ElectricityMixes MIXES = ElectricityMixes.bundled();
  private static final ElectricityMix USA = MIXES.find("USA").orElseThrow();
  private static final DatacenterProfile AZURE = new DatacenterProfile(1.20, 0.569);
  private final LlmInferenceEstimator estimator = new LlmInferenceEstimator();

  private static CatalogLookup known(final ModelEntry entry) {
    return new CatalogLookup(entry.name(), entry, true);
  }

  private static ModelEntry dense(final double billions) {
    return ModelEntry.dense("dense-" + billions, ParamRange.of(billions), List.of(), "test");
  }

  @Test
  void shouldReproduceEcoLogitsPublishedOutputForAMixtureOfExpertsRange() {
    // EcoLogits' own dag output (llm.py v0.9) for a gpt-4o-like model: total 440B, active
    // 44..132B, 10,000 output tokens, no measured latency, USA mix, PUE 1.2, WUE 0.569.
    // Published max end: gpu_energy 0.0011569191456103042 kWh (one GPU), generation_latency
    // 1290.0046641974661 s, gpu_required_count 16, server_energy 0.013437548585390272 kWh,
    // request_energy 0.03833790589818617 kWh, request_usage_gwp 0.014704503807249306 kg,
    // request_embodied_gwp 0.0029878263153461627 kg, request_usage_adpe 3.778200626266247e-09,
    // request_embodied_adpe 1.7504264836625838e-07, request_usage_pe 0.37143296750398686 MJ,
    // request_embodied_pe 0.03605844468195289 MJ, request_usage_wcf 0.1659080545325186 L.
    // Published min end: request_energy 0.021253491958404765 kWh, usage_gwp 0.008151776840646148
    // kg, embodied_gwp 0.0016048898435528502 kg, usage_wcf 0.09197491151983578 L.
    final ModelEntry gpt4o =
        new ModelEntry(
            "gpt-4o", "openai", new ParamRange(44, 132), ParamRange.of(440), 16, List.of(), "t");

    final Estimate e =
        estimator.estimate(known(gpt4o), LlmRequest.withoutLatency(10_000), AZURE, USA);

    assertThat(e.method()).isEqualTo(ImpactMethod.ESTIMATED);
    assertThat(e.flags()).contains(EstimateFlag.PARAMETER_RANGE, EstimateFlag.NO_MEASURED_LATENCY);
    assertThat(e.gpuCountMax()).isEqualTo(16); // 1.2 × 440 × 16/8 = 1056 GB → 13.2 → 14 → 16
    assertThat(e.generationSeconds().max()).isCloseTo(1290.0046641974661, withinPercentage(1));
    assertThat(e.gpuEnergyJoules().max())
        .isCloseTo(16 * 0.0011569191456103042 * KWH, withinPercentage(1));
    assertThat(e.serverEnergyJoules().max())
        .isCloseTo(0.013437548585390272 * KWH, withinPercentage(1));
    assertThat(e.facilityEnergyJoules().max())
        .isCloseTo(0.03833790589818617 * KWH, withinPercentage(1));
    assertThat(e.facilityEnergyJoules().min())
        .isCloseTo(0.021253491958404765 * KWH, withinPercentage(1));
    assertThat(e.operationalEmissionsGrams().max())
        .isCloseTo(0.014704503807249306 * 1000, withinPercentage(1));
    assertThat(e.operationalEmissionsGrams().min())
        .isCloseTo(0.008151776840646148 * 1000, withinPercentage(1));
    assertThat(e.embodiedEmissionsGrams().max())
        .isCloseTo(0.0029878263153461627 * 1000, withinPercentage(1));
    assertThat(e.embodiedEmissionsGrams().min())
        .isCloseTo(0.0016048898435528502 * 1000, withinPercentage(1));
    assertThat(e.abioticDepletionKgSbEq().max())
        .isCloseTo(3.778200626266247e-09 + 1.7504264836625838e-07, withinPercentage(1));
    assertThat(e.primaryEnergyMegajoules().max())
        .isCloseTo(0.37143296750398686 + 0.03605844468195289, withinPercentage(1));
    // Central value: mean of both ends (RangeValue.mean).
    assertThat(e.facilityEnergyJoules().value())
        .isCloseTo((0.03833790589818617 + 0.021253491958404765) / 2 * KWH, withinPercentage(1));
    // Water: v0.9 code applied to facility energy; we follow the methodology page (IT energy),
    // so ours is the published value divided by PUE.
    assertThat(e.waterLitres().max()).isCloseTo(0.1659080545325186 / 1.2, withinPercentage(1));
    assertThat(e.waterLitres().min()).isCloseTo(0.09197491151983578 / 1.2, withinPercentage(1));
  }

  @Test
  void shouldReproduceTheWorkedExampleForADenseLargeModel() {
    // 70B dense, 400 output tokens, PUE 1.2, USA mix (REFERENCES.md), step by step:
    // memory 1.2 × 70 × 16/8 = 168 GB → ⌈168/80⌉ = 3 → power of two 4 GPUs
    // f_E = 1.1665273e-6 × e^(−0.0112059 × 64) × 70 + 4.0529281e-5
    //     = 1.1665273e-6 × 0.488143 × 70 + 4.0529281e-5 = 8.038825e-5 Wh per token per GPU
    // E_GPU (all GPUs) = 4 × 400 × 8.038825e-5 = 0.1286212 Wh
    // f_L = 6.785088e-4 × 70 + 3.119310e-4 × 64 + 1.947372e-2 = 0.0869329 s → ΔT = 34.77317 s
    // E_server = 34.77317 s × 1200 W × 4/8 / 64 = 325.9985 J = 0.0905551 Wh
    // facility = 1.2 × (0.0905551 + 0.1286212) = 0.2630116 Wh (≈ 0.26 Wh)
    // operational = 0.2630116e-3 kWh × 383.55 g/kWh = 0.1008781 g (≈ 0.10 g)
    // embodied = 34.77317 / (64 × 94,608,000) × (4/8 × 5700 + 4 × 164) kg = 0.0201348 g
    // water (IT energy) = 0.2191763e-3 kWh × (0.569 + 1.2 × 3.1321) L/kWh = 0.94849 mL
    final Estimate e =
        estimator.estimate(known(dense(70)), LlmRequest.withoutLatency(400), AZURE, USA);

    assertThat(e.gpuCountMax()).isEqualTo(4);
    assertThat(e.generationSeconds().value()).isCloseTo(34.77317, withinPercentage(1));
    assertThat(e.gpuEnergyJoules().value()).isCloseTo(0.1286212 * WH, withinPercentage(1));
    assertThat(e.serverEnergyJoules().value()).isCloseTo(0.0905551 * WH, withinPercentage(1));
    assertThat(e.facilityEnergyJoules().value()).isCloseTo(0.2630116 * WH, withinPercentage(1));
    assertThat(e.operationalEmissionsGrams().value()).isCloseTo(0.1008781, withinPercentage(1));
    assertThat(e.embodiedEmissionsGrams().value()).isCloseTo(0.0201348, withinPercentage(1));
    assertThat(e.waterLitres().value()).isCloseTo(0.94849e-3, withinPercentage(1));
    // of which on-site 0.2191763e-3 kWh (IT) × 0.569 = 0.124711 mL, off-site 0.2630116e-3 kWh
    // (facility) × 3.1321 = 0.823779 mL
    assertThat(e.waterOnsiteLitres().value()).isCloseTo(0.124711e-3, withinPercentage(1));
    assertThat(e.waterOffsiteLitres().value()).isCloseTo(0.823779e-3, withinPercentage(1));
    assertThat(e.facilityEnergyJoules().uncertain()).isFalse();
  }

  @Test
  void shouldReproduceTheMethodForADenseSmallModel() {
    // Llama-3.1-8B (8.03B), 400 output tokens, PUE 1.2, USA mix, step by step:
    // memory 1.2 × 8.03 × 2 = 19.27 GB → 1 GPU
    // f_E = 1.1665273e-6 × 0.488143 × 8.03 + 4.0529281e-5 = 4.510167e-5 Wh → × 400 = 0.0180407 Wh
    // f_L = 6.785088e-4 × 8.03 + 0.0199636 + 0.0194737 = 0.0448857 s → ΔT = 17.95429 s
    // E_server = 17.95429 × 1200 × 1/8 / 64 = 42.0804 J = 0.0116890 Wh
    // facility = 1.2 × (0.0116890 + 0.0180407) = 0.0356756 Wh → 0.0136834 g at 383.55 g/kWh
    // embodied = 17.95429 / (64 × 94,608,000) × (1/8 × 5700 + 164) kg = 0.0025990 g
    final Estimate e =
        estimator.estimate(known(dense(8.03)), LlmRequest.withoutLatency(400), AZURE, USA);

    assertThat(e.gpuCountMax()).isEqualTo(1);
    assertThat(e.gpuEnergyJoules().value()).isCloseTo(0.0180407 * WH, withinPercentage(1));
    assertThat(e.serverEnergyJoules().value()).isCloseTo(42.0804, withinPercentage(1));
    assertThat(e.facilityEnergyJoules().value()).isCloseTo(0.0356756 * WH, withinPercentage(1));
    assertThat(e.operationalEmissionsGrams().value()).isCloseTo(0.0136834, withinPercentage(1));
    assertThat(e.embodiedEmissionsGrams().value()).isCloseTo(0.0025990, withinPercentage(1));
  }

  @Test
  void shouldUseActiveParametersForEnergyAndTotalForGpuCount() {
    // Mixtral-8x7B: 12.9B active, 46.7B total → 1.2 × 46.7 × 2 = 112.08 GB → 2 GPUs
    final ModelEntry mixtral =
        new ModelEntry(
            "mixtral", null, ParamRange.of(12.9), ParamRange.of(46.7), 16, List.of(), "");
    final Estimate e =
        estimator.estimate(known(mixtral), LlmRequest.withoutLatency(100), AZURE, USA);

    assertThat(e.gpuCountMax()).isEqualTo(2);
    assertThat(e.gpuEnergyJoules().value())
        .isCloseTo(2 * 100 * estimator.gpuJoulesPerToken(12.9), withinPercentage(0.001));
    assertThat(e.generationSeconds().value())
        .isCloseTo(100 * estimator.secondsPerToken(12.9), withinPercentage(0.001));
  }

  @Test
  void shouldRoundGpuCountUpToAPowerOfTwo() {
    assertThat(estimator.gpuCount(0.49, 16)).isEqualTo(1);
    assertThat(estimator.gpuCount(33.3, 16)).isEqualTo(1); // 79.9 GB
    assertThat(estimator.gpuCount(70, 16)).isEqualTo(4); // 168 GB → 3 → 4
    assertThat(estimator.gpuCount(406, 16)).isEqualTo(16); // 974.4 GB → 13 → 16
    assertThat(estimator.gpuCount(406, 8)).isEqualTo(8); // 487.2 GB → 7 → 8
    assertThat(estimator.gpuCount(671, 8)).isEqualTo(16); // 805.2 GB → 11 → 16
  }
}
