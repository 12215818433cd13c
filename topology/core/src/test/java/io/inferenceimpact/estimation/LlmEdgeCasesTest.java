package io.inferenceimpact.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Defined behaviour of the LLM method at its edges. */
class LlmEdgeCasesTest {

  private static final ElectricityMix WORLD = ElectricityMixes.bundled().world();
  private static final DatacenterProfile DC = new DatacenterProfile(1.2, 0.5);
  private static final ModelEntry DENSE_70 =
      ModelEntry.dense("m", ParamRange.of(70), List.of(), "test");
  private final LlmInferenceEstimator estimator = new LlmInferenceEstimator();

  private Estimate run(final LlmRequest request) {
    return estimator.estimate(new CatalogLookup("m", DENSE_70, true), request, DC, WORLD);
  }

  @Test
  void shouldEstimateZeroForZeroOutputTokensEvenWithServerTime() {
    // The method charges decode only: no output tokens → ΔT = min(0, latency) = 0 → all zero.
    final Estimate e = run(LlmRequest.of(0, 5.0));

    assertThat(e.flags()).contains(EstimateFlag.NO_OUTPUT_TOKENS);
    assertThat(e.facilityEnergyJoules().value()).isZero();
    assertThat(e.generationSeconds().value()).isZero();
    assertThat(e.embodiedEmissionsGrams().value()).isZero();
    assertThat(e.waterLitres().value()).isZero();
    assertThat(e.gpuCountMax()).isEqualTo(4);
  }

  @Test
  void shouldBoundGenerationTimeByTheMeasuredLatencyButNotGpuEnergy() {
    final Estimate free = run(LlmRequest.withoutLatency(400));
    final Estimate bounded = run(LlmRequest.of(400, 10.0)); // modelled 34.77 s

    assertThat(bounded.flags()).contains(EstimateFlag.LATENCY_BOUNDED);
    assertThat(bounded.generationSeconds().value()).isEqualTo(10.0);
    assertThat(bounded.serverEnergyJoules().value())
        .isCloseTo(10.0 * 1200 * 4 / 8 / 64, withinPercentage(0.001));
    assertThat(bounded.gpuEnergyJoules()).isEqualTo(free.gpuEnergyJoules());
    assertThat(bounded.embodiedEmissionsGrams().value())
        .isLessThan(free.embodiedEmissionsGrams().value());
  }

  @Test
  void shouldUseTheModelledTimeWhenTheMeasuredLatencyIsLongerOrMissing() {
    final Estimate longer = run(LlmRequest.of(400, 100.0));
    final Estimate missing = run(LlmRequest.withoutLatency(400));

    assertThat(longer.flags()).doesNotContain(EstimateFlag.LATENCY_BOUNDED);
    assertThat(missing.flags()).contains(EstimateFlag.NO_MEASURED_LATENCY);
    assertThat(longer.generationSeconds()).isEqualTo(missing.generationSeconds());
    assertThat(missing.generationSeconds().value()).isCloseTo(34.77317, withinPercentage(0.01));
  }

  @Test
  void shouldRejectNegativeInputs() {
    assertThatThrownBy(() -> LlmRequest.withoutLatency(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LlmRequest(1, OptionalDouble.of(-0.5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DatacenterProfile(0.9, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParamRange.of(-7)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldApplyALiveCarbonIntensityInPlaceOfTheAnnualMix() {
    final LlmRequest request = LlmRequest.withoutLatency(400);
    final Estimate annual = run(request);
    final Estimate live =
        estimator.estimate(
            new CatalogLookup("m", DENSE_70, true), request, DC, WORLD.withGwpGramsPerKwh(100));

    assertThat(live.intensityGramsPerKwh()).isEqualTo(100);
    assertThat(live.operationalEmissionsGrams().value())
        .isCloseTo(
            annual.operationalEmissionsGrams().value() * 100 / WORLD.gwpGramsPerKwh(),
            withinPercentage(0.001));
  }
}
