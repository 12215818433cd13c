package io.inferenceimpact.accounting;

import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.estimation.TrainingFootprint;
import io.inferenceimpact.estimation.TrainingFootprints;
import java.util.Optional;

/**
 * Adds a request's share of its model's training footprint to its {@link RequestImpact} ({@code
 * training_emissions_grams}, {@code training_water_litres}), when {@code
 * models.trainingAmortization} is enabled and the model has a configured footprint: tokens = input
 * + output tokens of the request ({@link ImpactAccounting#trainingShare}). Every other field is
 * left as it is: the share is never part of the operational, embodied or water figures.
 */
public final class TrainingAmortization {
  private final TrainingFootprints footprints;

  public TrainingAmortization(final TrainingFootprints footprints) {
    this.footprints = footprints;
  }

  public RequestImpact apply(final RequestImpact impact) {
    final Optional<TrainingFootprint> found = footprints.find(impact.getModel());
    if (found.isEmpty()) {
      return impact;
    }
    final TrainingFootprint f = found.get();
    final long tokens = impact.getInputTokens() + impact.getOutputTokens();
    return RequestImpact.newBuilder(impact)
        .setTrainingEmissionsGrams(
            ImpactAccounting.trainingShare(f.emissionsGrams(), tokens, f.lifetimeTokens()))
        .setTrainingWaterLitres(
            f.waterLitres() == null
                ? null
                : ImpactAccounting.trainingShare(f.waterLitres(), tokens, f.lifetimeTokens()))
        .build();
  }
}
