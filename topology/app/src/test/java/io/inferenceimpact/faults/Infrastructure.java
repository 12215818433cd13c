package io.inferenceimpact.faults;

import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.util.Map;

/** Serdes of the test's own producers and consumers, on the given registry. */
final class Infrastructure {
  private Infrastructure() {}

  static TopologySerdes serdes(final String registryUrl) {
    return new TopologySerdes(
        SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl)), Map.of());
  }
}
