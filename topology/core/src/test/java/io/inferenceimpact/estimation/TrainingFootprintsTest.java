package io.inferenceimpact.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.config.TrainingSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configured training footprints, completed from the bundled published figures. */
class TrainingFootprintsTest {
  private static final double NOT_SET = Double.NaN;
  private final ModelCatalog catalog = ModelCatalog.bundled();

  @Test
  void shouldTakeThePublishedEmissionsAndResolveAliasesBothWays() {
    final TrainingFootprints footprints =
        TrainingFootprints.of(
            settings("llama3.1-8b", new TrainingSettings.Model(1e12, NOT_SET, NOT_SET)), catalog);

    // a request names the model by another alias of the same catalog entry
    final TrainingFootprint f = footprints.find("meta-llama/Llama-3.1-8B").orElseThrow();
    // Llama 3.1 8B model card: 420 t CO2e location-based
    assertThat(f.emissionsGrams()).isEqualTo(4.2e8);
    assertThat(f.waterLitres()).as("the model card publishes no training water").isNull();
    assertThat(f.lifetimeTokens()).isEqualTo(1e12);
    assertThat(f.source()).contains("huggingface.co/meta-llama/Llama-3.1-8B-Instruct");
    assertThat(footprints.find("meta-llama/Llama-3.1-70B-Instruct"))
        .as("published but not configured: no lifetime tokens, no share")
        .isEmpty();
  }

  @Test
  void shouldLetConfigOverrideAndAddModelsTheCatalogDoesNotKnow() {
    final TrainingFootprints footprints =
        TrainingFootprints.of(
            new TrainingSettings(
                true,
                Map.of(
                    "meta-llama/Llama-3.1-70B-Instruct",
                    new TrainingSettings.Model(5e12, 1_000.0, 2_000.0),
                    "in-house-model",
                    new TrainingSettings.Model(1e9, 50.0, NOT_SET))),
            catalog);

    final TrainingFootprint overridden = footprints.find("llama-3.1-70b-instruct").orElseThrow();
    assertThat(overridden.emissionsGrams()).isEqualTo(1_000_000.0);
    assertThat(overridden.waterLitres()).isEqualTo(2_000.0);
    assertThat(overridden.source()).startsWith("config");
    assertThat(footprints.find("IN-HOUSE-MODEL").orElseThrow().emissionsGrams())
        .isEqualTo(50_000.0);
  }

  @Test
  void shouldRefuseAModelWithNeitherConfiguredNorPublishedEmissions() {
    assertThatThrownBy(
            () ->
                TrainingFootprints.of(
                    settings("in-house-model", new TrainingSettings.Model(1e9, NOT_SET, NOT_SET)),
                    catalog))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("models.trainingAmortization.models[in-house-model].emissionsKgCo2e");
  }

  private static TrainingSettings settings(final String name, final TrainingSettings.Model m) {
    return new TrainingSettings(true, Map.of(name, m));
  }
}
