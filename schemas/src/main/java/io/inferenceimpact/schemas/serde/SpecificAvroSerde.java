package io.inferenceimpact.schemas.serde;

import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of generated Avro classes in the Confluent wire format ({@code specific.avro.reader} on).
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final ConfluentAvroSerializer<T> serializer;
  private final ConfluentAvroDeserializer<T> deserializer;
  private final boolean clientInjected;

  /** For Kafka's reflective instantiation: {@link #configure} builds the registry client. */
  public SpecificAvroSerde() {
    this.serializer = new ConfluentAvroSerializer<>();
    this.deserializer = new ConfluentAvroDeserializer<>(null, null, null, true);
    this.clientInjected = false;
  }

  /** Shares {@code client}; the class to read into is found by the writer schema's name. */
  public SpecificAvroSerde(final SchemaRegistryClient client) {
    this.serializer = new ConfluentAvroSerializer<>(client);
    this.deserializer = new ConfluentAvroDeserializer<>(client, null, null, true);
    this.clientInjected = true;
  }

  /** Shares {@code client} and always reads into {@code type}, whichever version was written. */
  public SpecificAvroSerde(final SchemaRegistryClient client, final Class<T> type) {
    this.serializer = new ConfluentAvroSerializer<>(client);
    this.deserializer = new ConfluentAvroDeserializer<>(client, type);
    this.clientInjected = true;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    final Map<String, Object> withSpecific = new HashMap<>(configs);
    withSpecific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    if (!clientInjected) {
      final SchemaRegistryClient shared = SchemaRegistryClient.create(configs);
      serializer.useClient(shared, true);
      deserializer.useClient(shared, false);
    }
    serializer.configure(withSpecific, isKey);
    deserializer.configure(withSpecific, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
