package io.inferenceimpact.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What the serializer accepts and how it writes it: Avro containers (generic and specific records,
 * enums, fixed, arrays) carry their schema; Java primitives map to Avro primitive schemas as
 * Confluent's serializer does (String → "string", Long → "long", byte[] → "bytes").
 */
final class AvroValues {

  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema INT = Schema.create(Schema.Type.INT);
  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
  private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
  private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
  private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

  private AvroValues() {}

  static Schema schemaOf(final Object value) {
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (value instanceof CharSequence) {
      return STRING;
    }
    if (value instanceof Integer) {
      return INT;
    }
    if (value instanceof Long) {
      return LONG;
    }
    if (value instanceof Float) {
      return FLOAT;
    }
    if (value instanceof Double) {
      return DOUBLE;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return BYTES;
    }
    throw new SerializationException(
        "Cannot serialize a "
            + value.getClass().getName()
            + " as Avro: use a generated record, a GenericRecord or a"
            + " String/Integer/Long/Float/Double/Boolean/byte[] value");
  }

  /**
   * The key under which the writer for {@code value} is cached: its class if specific, else its
   * schema.
   */
  static Object writerKey(final Object value, final Schema schema) {
    return value instanceof SpecificRecord ? value.getClass() : schema;
  }

  /**
   * A writer for {@code value}; specific records use their class's model (logical-type
   * conversions).
   */
  static DatumWriter<Object> writerFor(final Object value, final Schema schema) {
    if (value instanceof SpecificRecord) {
      return new SpecificDatumWriter<>(schema, SpecificData.getForClass(value.getClass()));
    }
    return new GenericDatumWriter<>(schema, GenericData.get());
  }

  /** Avro's generic writer takes ByteBuffer for "bytes"; accept byte[] too. */
  static Object writable(final Object value) {
    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
  }
}
