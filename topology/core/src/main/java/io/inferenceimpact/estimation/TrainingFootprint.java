package io.inferenceimpact.estimation;

/**
 * A model's training footprint and the tokens it is expected to serve, from which each request's
 * share is amortized ({@link io.inferenceimpact.accounting.ImpactAccounting#trainingShare}).
 *
 * @param model the catalog name (or the configured name, for a model the catalog does not know)
 * @param emissionsGrams training emissions, grams CO2e
 * @param waterLitres training water, litres; null when unknown
 * @param lifetimeTokens tokens (input + output) the model is expected to serve over its life
 * @param source where the emissions figure comes from
 */
public record TrainingFootprint(
    String model, double emissionsGrams, Double waterLitres, double lifetimeTokens, String source) {

  public TrainingFootprint {
    if (!(emissionsGrams >= 0) || Double.isInfinite(emissionsGrams)) {
      throw new IllegalArgumentException(model + ": training emissions must be finite and >= 0");
    }
    if (!(lifetimeTokens >= 1) || Double.isInfinite(lifetimeTokens)) {
      throw new IllegalArgumentException(model + ": lifetime tokens must be finite and >= 1");
    }
  }
}
