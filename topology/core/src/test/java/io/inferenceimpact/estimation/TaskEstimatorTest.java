package io.inferenceimpact.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class TaskEstimatorTest {

  private static final ElectricityMix FRANCE = ElectricityMixes.bundled().find("FR").orElseThrow();
  private static final DatacenterProfile DC = new DatacenterProfile(1.2, 0.5);
  private final TaskEstimator estimator = new TaskEstimator(TaskEnergyTable.bundled());
  private final CatalogLookup sdxl =
      ModelCatalog.bundled().lookup("stabilityai/stable-diffusion-xl-base-1.0");

  @Test
  void shouldEstimateImagesFromThePublishedPerTaskEnergy() {
    // 2.907 kWh per 1,000 images → 2.907e-3 kWh = 10,465.2 J per image; 4 images, PUE 1.2.
    final Estimate e = estimator.estimate("text-to-image", 4, sdxl, DC, FRANCE).orElseThrow();

    assertThat(e.flags()).contains(EstimateFlag.TASK_TABLE, EstimateFlag.UNKNOWN_MODEL);
    assertThat(e.task()).isEqualTo("text-to-image");
    assertThat(e.gpuEnergyJoules().value()).isCloseTo(4 * 10_465.2, withinPercentage(0.01));
    assertThat(e.facilityEnergyJoules().value())
        .isCloseTo(1.2 * 4 * 10_465.2, withinPercentage(0.01));
    // 1.2 × 4 × 2.907e-3 kWh × 44.18 g/kWh = 0.61650 g
    assertThat(e.operationalEmissionsGrams().value()).isCloseTo(0.61650, withinPercentage(0.1));
    assertThat(e.uncertain()).isFalse();
  }

  @Test
  void shouldFindTasksCaseAndSeparatorInsensitively() {
    final double classification =
        estimator
            .estimate("Text_Classification", 1000, sdxl, DC, FRANCE)
            .orElseThrow()
            .gpuEnergyJoules()
            .value();
    assertThat(classification).isCloseTo(0.002 * 3.6e6, withinPercentage(0.01));
  }

  @Test
  void shouldGiveNothingForTasksWithoutAPublishedFigure() {
    assertThat(estimator.estimate("automatic-speech-recognition", 1, sdxl, DC, FRANCE)).isEmpty();
    assertThat(estimator.estimate(null, 1, sdxl, DC, FRANCE)).isEmpty();
  }

  @Test
  void shouldEstimateZeroForZeroInferences() {
    assertThat(
            estimator
                .estimate("image-generation", 0, sdxl, DC, FRANCE)
                .orElseThrow()
                .facilityEnergyJoules()
                .value())
        .isZero();
  }
}
