package io.inferenceimpact.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.testing.WholeTopologyDriver;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training amortization through the whole topology: off by default (fields null, no node); when
 * enabled, a request of a configured model carries footprint × tokens / lifetime tokens in its own
 * fields, its window sums them, and no operational, embodied or water figure changes.
 */
class TrainingAmortizationTest {

  @Test
  void shouldReportTheTrainingShareApartFromTheOperationalFigures() throws Exception {
    final ImpactConfig enabled =
        config(
            """
            models:
              trainingAmortization:
                enabled: true
                models:
                  llama3.1-8b:
                    lifetimeTokens: 1.0e12
                    waterLitres: 2.0e6
            """);
    final RequestImpact off = single("training-off", ConfigLoader.defaults());
    final RequestImpact on;
    final List<ModelImpactWindow> windows;
    try (WholeTopologyDriver driver = new WholeTopologyDriver("training-on", enabled)) {
      driver.pipe(request());
      driver.finishAll();
      driver.closeWindows();
      on = single(driver.impacts().readValuesToList());
      windows = driver.windows().readValuesToList();
    }

    assertThat(off.getTrainingEmissionsGrams()).isNull();
    // Llama 3.1 8B model card: 420 t = 4.2e8 g; 100 + 400 tokens over 1e12 → 0.21 g;
    // water 2e6 L × 500 / 1e12 = 1e-3 L
    assertThat(on.getTrainingEmissionsGrams()).isCloseTo(0.21, within(1e-15));
    assertThat(on.getTrainingWaterLitres()).isCloseTo(1e-3, within(1e-15));
    assertThat(on.getOperationalEmissionsGrams()).isEqualTo(off.getOperationalEmissionsGrams());
    assertThat(on.getEmbodiedEmissionsGrams()).isEqualTo(off.getEmbodiedEmissionsGrams());
    assertThat(on.getWaterLitres()).isEqualTo(off.getWaterLitres());
    final ModelImpactWindow zoneRow =
        windows.stream().filter(w -> w.getTenant() == null).findFirst().orElseThrow();
    assertThat(zoneRow.getTrainingEmissionsGrams()).isCloseTo(0.21, within(1e-15));
    assertThat(zoneRow.getEmissionsGramsPerRequest())
        .isCloseTo(
            on.getOperationalEmissionsGrams() + on.getEmbodiedEmissionsGrams(), within(1e-15));
  }

  @Test
  void shouldAddTheTrainingNodeOnlyWhenEnabled() throws Exception {
    final ImpactConfig enabled =
        config(
            """
            models:
              trainingAmortization:
                enabled: true
            """);
    assertThat(describe(ConfigLoader.defaults())).doesNotContain("impacts-training");
    assertThat(describe(enabled)).contains("impacts-training");
  }

  private static String describe(final ImpactConfig config) {
    return ImpactTopology.build(config, TopologySerdes.inMemory()).describe().toString();
  }

  private static RequestImpact single(final String stateDir, final ImpactConfig config) {
    try (WholeTopologyDriver driver = new WholeTopologyDriver(stateDir, config)) {
      driver.pipe(request());
      driver.finishAll();
      return single(driver.impacts().readValuesToList());
    }
  }

  private static RequestImpact single(final List<RequestImpact> impacts) {
    assertThat(impacts).hasSize(1);
    return impacts.get(0);
  }

  /** An estimated request (no GPU) of Llama 3.1 8B, 100 input and 400 output tokens. */
  private static InferenceRequest request() {
    return InferenceRequest.newBuilder()
        .setRequestId("r1")
        .setModel("meta-llama/Llama-3.1-8B-Instruct")
        .setTenant("acme")
        .setStartTime(Instant.ofEpochMilli(WholeTopologyDriver.T0))
        .setEndTime(Instant.ofEpochMilli(WholeTopologyDriver.T0 + 10_000))
        .setInputTokens(100)
        .setOutputTokens(400)
        .build();
  }

  private static ImpactConfig config(final String yaml) throws Exception {
    final Path dir = Files.createDirectories(Path.of("target/tmp/training-amortization-test"));
    return ConfigLoader.load(Files.writeString(dir.resolve("config.yaml"), yaml), Map.of());
  }
}
