package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code topics} section: the name of each topic (defaults are the contract's names) and how
 * topics are created. {@code replicationFactor: -1} leaves the factor to the broker's default.
 */
public record TopicSettings(
    int partitions,
    int replicationFactor,
    String inferenceRequests,
    String gpuMetrics,
    String gridIntensity,
    String fleetNodes,
    String impactRequests,
    String modelRates,
    String alerts,
    String dlq) {

  public static final TopicSettings DEFAULTS =
      new TopicSettings(
          6,
          -1,
          "inference.requests.v1",
          "gpu.metrics.v1",
          "grid.intensity.v1",
          "fleet.nodes.v1",
          "impact.requests.v1",
          "impact.model-rates.v1",
          "impact.alerts.v1",
          "impact.dlq.v1");

  static TopicSettings bind(final ConfigNode node) {
    final TopicSettings d = DEFAULTS;
    final TopicSettings t =
        new TopicSettings(
            node.integer("partitions", d.partitions(), 1, 10_000),
            node.integer("replicationFactor", d.replicationFactor(), -1, Short.MAX_VALUE),
            node.string("inferenceRequests", d.inferenceRequests()),
            node.string("gpuMetrics", d.gpuMetrics()),
            node.string("gridIntensity", d.gridIntensity()),
            node.string("fleetNodes", d.fleetNodes()),
            node.string("impactRequests", d.impactRequests()),
            node.string("modelRates", d.modelRates()),
            node.string("alerts", d.alerts()),
            node.string("dlq", d.dlq()));
    if (t.replicationFactor() == 0) {
      node.binding()
          .problem(node.pathOf("replicationFactor"), "must be -1 (broker default) or >= 1, was 0");
    }
    final Set<String> seen = new HashSet<>();
    t.names()
        .forEach(
            (key, name) -> {
              if (!name.matches("[A-Za-z0-9._-]{1,249}")) {
                node.binding()
                    .problem(
                        node.pathOf(key),
                        "must be a Kafka topic name (letters, digits, '.', '_', '-'), was '"
                            + name
                            + "'");
              } else if (!seen.add(name)) {
                node.binding()
                    .problem(
                        node.pathOf(key), "topic '" + name + "' is already used by another key");
              }
            });
    node.finish();
    return t;
  }

  /** Config key → topic name, in contract order. */
  public Map<String, String> names() {
    final Map<String, String> names = new LinkedHashMap<>();
    names.put("inferenceRequests", inferenceRequests);
    names.put("gpuMetrics", gpuMetrics);
    names.put("gridIntensity", gridIntensity);
    names.put("fleetNodes", fleetNodes);
    names.put("impactRequests", impactRequests);
    names.put("modelRates", modelRates);
    names.put("alerts", alerts);
    names.put("dlq", dlq);
    return names;
  }
}
