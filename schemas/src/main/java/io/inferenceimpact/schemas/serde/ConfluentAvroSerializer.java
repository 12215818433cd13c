package io.inferenceimpact.schemas.serde;

import io.inferenceimpact.schemas.registry.SchemaMetadata;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} writing the Confluent wire format (see {@link WireFormat}) for Avro
 * records and primitives; {@code null} stays {@code null} (tombstones). The schema id comes from
 * the registry: registered if {@code auto.register.schemas} (default), else the latest version if
 * {@code use.latest.version} (its schema must equal the record's), else looked up. Safe for
 * concurrent use once configured.
 */
public class ConfluentAvroSerializer<T> implements Serializer<T> {

  private final ConcurrentHashMap<Object, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private volatile SchemaRegistryClient client;
  private volatile boolean ownsClient;
  private volatile AvroSerdeConfig config = AvroSerdeConfig.defaults();
  private volatile boolean isKey;

  /** For Kafka's reflective instantiation: {@link #configure} builds the registry client. */
  public ConfluentAvroSerializer() {}

  /** Uses (and never closes) a shared client; {@link #configure} is optional. */
  public ConfluentAvroSerializer(final SchemaRegistryClient client) {
    this.client = client;
  }

  public ConfluentAvroSerializer(
      final SchemaRegistryClient client, final Map<String, ?> configs, final boolean isKey) {
    this(client);
    configure(configs, isKey);
  }

  /** For serdes that build one client for both sides: {@code owned} clients are closed here. */
  void useClient(final SchemaRegistryClient shared, final boolean owned) {
    this.client = shared;
    this.ownsClient = owned;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    this.config = AvroSerdeConfig.from(configs);
    this.isKey = isKey;
    if (client == null) {
      client = SchemaRegistryClient.create(configs);
      ownsClient = true;
    }
  }

  @Override
  public byte[] serialize(final String topic, final T data) {
    if (data == null) {
      return null;
    }
    final SchemaRegistryClient registry = client;
    if (registry == null) {
      throw new IllegalStateException(
          "Serializer not configured: call configure() with "
              + AvroSerdeConfig.SCHEMA_REGISTRY_URL
              + " or pass a SchemaRegistryClient");
    }
    final Schema schema = AvroValues.schemaOf(data);
    final String subject = config.subjectNameStrategy(isKey).subjectName(topic, isKey, schema);
    final int id = schemaId(registry, topic, subject, schema);
    final DatumWriter<Object> writer =
        writers.computeIfAbsent(
            AvroValues.writerKey(data, schema), k -> AvroValues.writerFor(data, schema));
    final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try {
      out.write(WireFormat.header(id));
      final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(AvroValues.writable(data), encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode a "
              + schema.getFullName()
              + " for topic '"
              + topic
              + "' with schema id "
              + id
              + ": "
              + e,
          e);
    }
    return out.toByteArray();
  }

  private int schemaId(
      final SchemaRegistryClient registry,
      final String topic,
      final String subject,
      final Schema schema) {
    try {
      if (config.autoRegisterSchemas()) {
        return registry.register(subject, schema);
      }
      if (config.useLatestVersion()) {
        final SchemaMetadata latest = registry.getLatest(subject);
        if (!latest.schema().equals(schema)) {
          throw new SerializationException(
              "The record's schema "
                  + schema.getFullName()
                  + " differs from the latest version "
                  + latest.version()
                  + " (id "
                  + latest.id()
                  + ") of subject '"
                  + subject
                  + "'; produce records of that version or enable "
                  + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
        }
        return latest.id();
      }
      return registry.lookup(subject, schema);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot get a schema id for subject '"
              + subject
              + "' (topic '"
              + topic
              + "'): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }
}
