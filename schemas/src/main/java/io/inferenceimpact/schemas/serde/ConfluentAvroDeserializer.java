package io.inferenceimpact.schemas.serde;

import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryException;
import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} for the Confluent wire format. The writer schema comes from the
 * registry by the id in the header; the reader schema is the SpecificRecord class's (with {@code
 * specific.avro.reader}), a given generic reader schema, or the writer's own, so that a reader on
 * v1 decodes v2 records and vice versa where compatible. Primitive payloads decode too (a "string"
 * key becomes a {@link String}). {@code null} → {@code null}. Undecodable records throw {@link
 * AvroWireFormatException}. Safe for concurrent use once configured.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

  private static final int MAX_CACHED_READERS = 1_000;

  private final ConcurrentHashMap<Integer, WriterReader> readersByWriterId =
      new ConcurrentHashMap<>();
  private final Schema genericReaderSchema;
  private final Class<? extends SpecificRecord> givenSpecificType;
  private final boolean alwaysSpecific;
  private volatile SchemaRegistryClient client;
  private volatile boolean ownsClient;
  private volatile boolean specific;
  private volatile Class<? extends SpecificRecord> specificType;

  /** For Kafka's reflective instantiation: {@link #configure} builds the registry client. */
  public ConfluentAvroDeserializer() {
    this(null, null, null, false);
  }

  /** Uses (and never closes) a shared client; reads GenericRecords unless configured otherwise. */
  public ConfluentAvroDeserializer(final SchemaRegistryClient client) {
    this(client, null, null, false);
  }

  /** Generic records resolved to {@code readerSchema} (e.g. the version this consumer knows). */
  public ConfluentAvroDeserializer(final SchemaRegistryClient client, final Schema readerSchema) {
    this(client, readerSchema, null, false);
  }

  /** Instances of {@code specificType}, resolved from whatever version the writer used. */
  public ConfluentAvroDeserializer(
      final SchemaRegistryClient client, final Class<? extends SpecificRecord> specificType) {
    this(client, null, specificType, true);
  }

  ConfluentAvroDeserializer(
      final SchemaRegistryClient client,
      final Schema readerSchema,
      final Class<? extends SpecificRecord> specificType,
      final boolean alwaysSpecific) {
    this.client = client;
    this.genericReaderSchema = readerSchema;
    this.givenSpecificType = specificType;
    this.alwaysSpecific = alwaysSpecific;
    this.specificType = specificType;
    this.specific = alwaysSpecific;
  }

  /** For serdes that build one client for both sides: {@code owned} clients are closed here. */
  void useClient(final SchemaRegistryClient shared, final boolean owned) {
    this.client = shared;
    this.ownsClient = owned;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    final AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    specificType = givenSpecificType != null ? givenSpecificType : config.specificType(isKey);
    specific = alwaysSpecific || specificType != null || config.specificAvroReader();
    readersByWriterId.clear();
    if (client == null) {
      client = SchemaRegistryClient.create(configs);
      ownsClient = true;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(final String topic, final byte[] data) {
    if (data == null) {
      return null;
    }
    final int id = WireFormat.schemaId(data, topic);
    final WriterReader reader = reader(topic, id);
    final Object value;
    try {
      // Lengths and counts are checked first: Avro allocates whatever a length prefix claims.
      AvroLengthGuard.check(reader.writer(), data, WireFormat.HEADER_SIZE_BYTES);
      final BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data,
                  WireFormat.HEADER_SIZE_BYTES,
                  data.length - WireFormat.HEADER_SIZE_BYTES,
                  null);
      value = reader.reader().read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IOException("bytes left over after the value");
      }
    } catch (IOException | RuntimeException e) {
      throw new AvroWireFormatException(
          "Cannot decode record on topic '"
              + topic
              + "' ("
              + data.length
              + " bytes) with writer schema id "
              + id
              + ": "
              + e,
          e);
    }
    return (T) (value instanceof Utf8 ? value.toString() : value);
  }

  /** A writer schema and the reader that resolves it. */
  private record WriterReader(Schema writer, DatumReader<Object> reader) {}

  private WriterReader reader(final String topic, final int id) {
    final WriterReader cached = readersByWriterId.get(id);
    if (cached != null) {
      return cached;
    }
    final SchemaRegistryClient registry = client;
    if (registry == null) {
      throw new IllegalStateException(
          "Deserializer not configured: call configure() with "
              + AvroSerdeConfig.SCHEMA_REGISTRY_URL
              + " or pass a SchemaRegistryClient");
    }
    final Schema writer;
    try {
      writer = registry.getById(id);
    } catch (SchemaRegistryHttpException e) {
      if (e.isNotFound()) {
        throw new AvroWireFormatException(
            "Record on topic '"
                + topic
                + "' names schema id "
                + id
                + ", which the schema registry does not know ("
                + e.getMessage()
                + ")",
            e);
      }
      throw new SerializationException(
          "Cannot fetch writer schema id " + id + " for topic '" + topic + "': " + e.getMessage(),
          e);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot fetch writer schema id " + id + " for topic '" + topic + "': " + e.getMessage(),
          e);
    }
    final WriterReader created =
        new WriterReader(
            writer, AvroReaders.readerFor(id, writer, specific, specificType, genericReaderSchema));
    if (readersByWriterId.size() >= MAX_CACHED_READERS) {
      readersByWriterId.clear();
    }
    readersByWriterId.put(id, created);
    return created;
  }

  @Override
  public void close() {
    if (ownsClient && client != null) {
      client.close();
    }
  }
}
