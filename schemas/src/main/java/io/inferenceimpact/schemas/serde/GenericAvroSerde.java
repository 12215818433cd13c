package io.inferenceimpact.schemas.serde;

import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@link GenericRecord}s in the Confluent wire format. For keys written as Avro primitives
 * (e.g. a "string" key from Confluent's Python AvroProducer) use a {@code
 * ConfluentAvroDeserializer<Object>} or {@code <String>}, which decodes any Avro payload.
 */
public class GenericAvroSerde implements Serde<GenericRecord> {

  private final ConfluentAvroSerializer<GenericRecord> serializer;
  private final ConfluentAvroDeserializer<GenericRecord> deserializer;
  private final boolean clientInjected;

  /** For Kafka's reflective instantiation: {@link #configure} builds the registry client. */
  public GenericAvroSerde() {
    this.serializer = new ConfluentAvroSerializer<>();
    this.deserializer = new ConfluentAvroDeserializer<>();
    this.clientInjected = false;
  }

  /** Shares {@code client}; records are read with the schema they were written with. */
  public GenericAvroSerde(final SchemaRegistryClient client) {
    this.serializer = new ConfluentAvroSerializer<>(client);
    this.deserializer = new ConfluentAvroDeserializer<>(client);
    this.clientInjected = true;
  }

  /** Shares {@code client}; records are resolved to {@code readerSchema}. */
  public GenericAvroSerde(final SchemaRegistryClient client, final Schema readerSchema) {
    this.serializer = new ConfluentAvroSerializer<>(client);
    this.deserializer = new ConfluentAvroDeserializer<>(client, readerSchema);
    this.clientInjected = true;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    final Map<String, Object> generic = new HashMap<>(configs);
    generic.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
    if (!clientInjected) {
      final SchemaRegistryClient shared = SchemaRegistryClient.create(configs);
      serializer.useClient(shared, true);
      deserializer.useClient(shared, false);
    }
    serializer.configure(generic, isKey);
    deserializer.configure(generic, isKey);
  }

  @Override
  public Serializer<GenericRecord> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<GenericRecord> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
