package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.util.List;

/**
 * One model of the catalog, for estimating energy where no GPU telemetry exists.
 *
 * @param activeParamsBillions parameters active per token (mixture-of-experts: the active experts),
 *     billions
 * @param totalParamsBillions all parameters (memory footprint, GPU count), billions; defaults to
 *     active
 * @param aliases other names producers use for this model
 */
public record ModelSettings(
    double activeParamsBillions, double totalParamsBillions, List<String> aliases) {

  public ModelSettings {
    aliases = List.copyOf(aliases);
  }

  static ModelSettings bind(final ConfigNode node) {
    final double active = node.number("activeParamsBillions", Double.NaN, 0.0);
    if (Double.isNaN(active)) {
      node.binding().problem(node.pathOf("activeParamsBillions"), "is required");
    }
    final double total = node.number("totalParamsBillions", active, 0.0);
    if (total < active) {
      node.binding()
          .problem(
              node.pathOf("totalParamsBillions"),
              "must be >= activeParamsBillions (" + active + "), was " + total);
    }
    final ModelSettings model = new ModelSettings(active, total, node.strings("aliases"));
    node.finish();
    return model;
  }
}
