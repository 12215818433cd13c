package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code models.trainingAmortization} section: whether requests carry a share of their model's
 * training footprint (the SCI-for-AI provider boundary, as published model life-cycle analyses draw
 * it), and the per-model figures. Off by default; the share goes to its own fields and never into
 * the operational or embodied figures.
 *
 * @param enabled whether to compute the share at all
 * @param models per model (a name or alias the catalog resolves), its training figures
 */
public record TrainingSettings(boolean enabled, Map<String, Model> models) {

  /** Off, with no figures. */
  public static final TrainingSettings OFF = new TrainingSettings(false, Map.of());

  public TrainingSettings {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }

  /**
   * One model's training figures, as configured.
   *
   * @param lifetimeTokens tokens (input + output) the model is expected to serve over its life; NaN
   *     when not set (no share is computed: there is no published default)
   * @param emissionsKgCo2e training emissions, kg CO2e; NaN when not set (the bundled figure of the
   *     model, if any, applies)
   * @param waterLitres training water, litres; NaN when not set (bundled figure, if any)
   */
  public record Model(double lifetimeTokens, double emissionsKgCo2e, double waterLitres) {}

  static TrainingSettings bind(final ConfigNode node) {
    final boolean enabled = node.bool("enabled", false);
    final Map<String, Model> models = new LinkedHashMap<>();
    node.entries("models")
        .forEach(
            (name, entry) -> {
              final double tokens = entry.number("lifetimeTokens", Double.NaN, 1.0);
              if (Double.isNaN(tokens)) {
                entry
                    .binding()
                    .problem(
                        entry.pathOf("lifetimeTokens"),
                        "is required (tokens the model is expected to serve, input + output)");
              }
              models.put(
                  name,
                  new Model(
                      tokens,
                      entry.number("emissionsKgCo2e", Double.NaN, 0.0),
                      entry.number("waterLitres", Double.NaN, 0.0)));
              entry.finish();
            });
    node.finish();
    return new TrainingSettings(enabled, models);
  }
}
