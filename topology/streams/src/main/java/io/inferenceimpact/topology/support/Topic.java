package io.inferenceimpact.topology.support;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One topic with everything needed to use or create it: name, key and value serdes, partitions,
 * replication (-1: broker default) and cleanup policy.
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    int replicationFactor,
    CleanupPolicy cleanupPolicy) {

  /** Kafka's {@code cleanup.policy}. */
  public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String value;

    CleanupPolicy(final String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /** Topic-level configs for creating it. */
  public Map<String, String> configs() {
    return Map.of("cleanup.policy", cleanupPolicy.value());
  }

  public Consumed<K, V> consumed(final String processorName) {
    return Consumed.with(keySerde, valueSerde).withName(processorName);
  }

  public Produced<K, V> produced(final String processorName) {
    return Produced.with(keySerde, valueSerde).withName(processorName);
  }
}
