package io.inferenceimpact.alerts;

import io.inferenceimpact.avro.ModelImpactWindow;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rates of {@code impact.model-rates.v1} a threshold rule can watch, named as the contract's
 * fields. A rate is absent (null) when its denominator was 0 (e.g. no output tokens).
 */
public enum RateMetric {
  WH_PER_1K_OUTPUT_TOKENS("wh_per_1k_output_tokens", ModelImpactWindow::getWhPer1kOutputTokens),
  EMISSIONS_GRAMS_PER_1K_OUTPUT_TOKENS(
      "emissions_grams_per_1k_output_tokens",
      ModelImpactWindow::getEmissionsGramsPer1kOutputTokens),
  EMISSIONS_GRAMS_PER_REQUEST(
      "emissions_grams_per_request", ModelImpactWindow::getEmissionsGramsPerRequest),
  EMISSIONS_GRAMS_PER_HOUR("emissions_grams_per_hour", ModelImpactWindow::getEmissionsGramsPerHour),
  WATER_LITRES_PER_REQUEST(
      "water_litres_per_request",
      w -> w.getRequests() == 0 ? null : w.getWaterLitres() / w.getRequests());

  private final String field;
  private final Function<ModelImpactWindow, Double> read;

  RateMetric(final String field, final Function<ModelImpactWindow, Double> read) {
    this.field = field;
    this.read = read;
  }

  /** The field name, also used as the alert's unit. */
  public String field() {
    return field;
  }

  /** The window's value, or null when it has none. */
  public Double of(final ModelImpactWindow window) {
    return read.apply(window);
  }

  public static Optional<RateMetric> parse(final String text) {
    return Arrays.stream(values()).filter(m -> m.field.equals(text)).findFirst();
  }

  public static List<String> allFields() {
    return Arrays.stream(values()).map(RateMetric::field).toList();
  }
}
