package io.inferenceimpact.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes Avro values (generic or generated) as JSON for replay output: record fields in schema
 * order with their schema (snake_case) names, {@code timestamp-millis} as ISO-8601 UTC with exactly
 * three fraction digits, map entries sorted by key, enums as symbols, bytes as base64, doubles as
 * they are. Equal values always give equal text.
 */
public final class AvroJson {
  /** ISO-8601 UTC with millisecond precision, e.g. {@code 2026-11-27T12:00:00.000Z}. */
  public static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /** The JSON form of a record. */
  public static JsonNode toJson(final IndexedRecord record) {
    return toJson(record, record.getSchema());
  }

  /** The JSON form of {@code value}, which must be of {@code schema}. */
  public static JsonNode toJson(final Object value, final Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      final Instant time =
          value instanceof Instant i ? i : Instant.ofEpochMilli(((Number) value).longValue());
      return NODES.textNode(ISO_MILLIS.format(time));
    }
    return switch (schema.getType()) {
      case RECORD -> record((IndexedRecord) value, schema);
      case UNION -> toJson(value, branchOf(value, schema));
      case ARRAY -> {
        final ArrayNode items = NODES.arrayNode();
        for (final Object item : (Collection<?>) value) {
          items.add(toJson(item, schema.getElementType()));
        }
        yield items;
      }
      case MAP -> {
        final ObjectNode entries = NODES.objectNode();
        final Map<String, Object> sorted = new TreeMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> sorted.put(k.toString(), v));
        sorted.forEach((k, v) -> entries.set(k, toJson(v, schema.getValueType())));
        yield entries;
      }
      case STRING, ENUM -> NODES.textNode(value.toString());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode(((Number) value).longValue());
      case DOUBLE -> NODES.numberNode((Double) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case BYTES -> NODES.textNode(base64(value));
      case FIXED -> NODES.textNode(base64(((GenericFixed) value).bytes()));
      case NULL -> NODES.nullNode();
    };
  }

  private static ObjectNode record(final IndexedRecord record, final Schema schema) {
    final ObjectNode node = NODES.objectNode();
    for (final Schema.Field field : schema.getFields()) {
      node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
    }
    return node;
  }

  /** The union branch a (non-null) value belongs to: the first whose type it fits. */
  private static Schema branchOf(final Object value, final Schema union) {
    for (final Schema branch : union.getTypes()) {
      if (fits(value, branch)) {
        return branch;
      }
    }
    throw new IllegalArgumentException(
        "value of " + value.getClass().getName() + " fits no branch of " + union);
  }

  private static boolean fits(final Object value, final Schema branch) {
    return switch (branch.getType()) {
      case NULL -> false;
      case RECORD, ENUM, FIXED ->
          value instanceof GenericContainer c
              && c.getSchema().getFullName().equals(branch.getFullName());
      case STRING -> value instanceof CharSequence;
      case LONG -> value instanceof Long || value instanceof Instant;
      case INT -> value instanceof Integer;
      case DOUBLE -> value instanceof Double;
      case FLOAT -> value instanceof Float;
      case BOOLEAN -> value instanceof Boolean;
      case BYTES -> value instanceof ByteBuffer || value instanceof byte[];
      case ARRAY -> value instanceof Collection<?>;
      case MAP -> value instanceof Map<?, ?>;
      case UNION -> false;
    };
  }

  private static String base64(final Object value) {
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    final ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    final byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
