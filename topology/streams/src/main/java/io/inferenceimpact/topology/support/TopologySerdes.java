package io.inferenceimpact.topology.support;

import io.inferenceimpact.schemas.registry.InMemorySchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Where the topology gets its value serdes: Confluent-wire-format Avro for every record type, all
 * sharing one (cached) Schema Registry client. Production passes a client of the configured
 * registry; {@code impact replay} and topology tests pass the in-process registry.
 */
public final class TopologySerdes {
  private final SchemaRegistryClient registry;
  private final Map<String, ?> serdeConfig;

  /**
   * @param registry the client every serde shares
   * @param serdeConfig serde settings ({@code auto.register.schemas}, subject name strategies ...)
   */
  public TopologySerdes(final SchemaRegistryClient registry, final Map<String, ?> serdeConfig) {
    this.registry = registry;
    this.serdeConfig = Map.copyOf(serdeConfig);
  }

  /** Serdes backed by a registry inside this process: offline replay and topology tests. */
  public static TopologySerdes inMemory() {
    return new TopologySerdes(new InMemorySchemaRegistryClient(), Map.of());
  }

  public SchemaRegistryClient registry() {
    return registry;
  }

  /** A value serde for one generated record type. */
  public <T extends SpecificRecord> Serde<T> avro(final Class<T> type) {
    final SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(registry, type);
    serde.configure(serdeConfig, false);
    return serde;
  }
}
