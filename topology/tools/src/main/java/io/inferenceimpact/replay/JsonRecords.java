package io.inferenceimpact.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Converts JSON objects to generated Avro records, driven by the record's schema: field names as in
 * the schema, omitted fields take their schema default, unknown fields are rejected (a misspelt
 * optional field would otherwise vanish silently). Timestamps ({@code timestamp-millis}) are epoch
 * milliseconds or ISO-8601 strings; enums are their symbols; a union takes the first branch the
 * value fits. Every error names the field.
 */
public final class JsonRecords {
  /** Strict JSON: no trailing content after the value, no duplicate field names. */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JsonRecords() {}

  /** Parses one JSON text and converts it into {@code type}. */
  public static <T extends SpecificRecord> T parse(final String json, final Class<T> type)
      throws JsonRecordException {
    final JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (final JsonProcessingException e) {
      throw new JsonRecordException("", "not JSON: " + e.getOriginalMessage());
    }
    return convert(node, type);
  }

  /** Converts one parsed JSON object into {@code type}. */
  public static <T extends SpecificRecord> T convert(final JsonNode node, final Class<T> type)
      throws JsonRecordException {
    if (node == null || node.isMissingNode()) {
      throw new JsonRecordException("", "empty input");
    }
    final Schema schema = SpecificData.get().getSchema(type);
    return type.cast(value(node, schema, ""));
  }

  private static Object value(final JsonNode node, final Schema schema, final String path)
      throws JsonRecordException {
    final LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return instant(node, path);
    }
    return switch (schema.getType()) {
      case RECORD -> record(node, schema, path);
      case UNION -> union(node, schema, path);
      case ARRAY -> array(node, schema, path);
      case MAP -> map(node, schema, path);
      case ENUM -> enumSymbol(node, schema, path);
      case STRING -> require(node, node.isTextual(), "a string", path).textValue();
      case BOOLEAN -> require(node, node.isBoolean(), "true or false", path).booleanValue();
      case LONG ->
          require(node, node.isIntegralNumber() && node.canConvertToLong(), "a long", path)
              .longValue();
      case INT ->
          require(node, node.isIntegralNumber() && node.canConvertToInt(), "an int", path)
              .intValue();
      case DOUBLE -> require(node, node.isNumber(), "a number", path).doubleValue();
      case FLOAT -> require(node, node.isNumber(), "a number", path).floatValue();
      case NULL -> {
        require(node, node.isNull(), "null", path);
        yield null;
      }
      default -> throw new JsonRecordException(path, "unsupported Avro type " + schema.getType());
    };
  }

  private static Object record(final JsonNode node, final Schema schema, final String path)
      throws JsonRecordException {
    require(node, node.isObject(), "an object", path);
    final Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      final String name = names.next();
      if (schema.getField(name) == null) {
        throw new JsonRecordException(
            join(path, name), "unknown field of " + schema.getName() + " (names are snake_case)");
      }
    }
    final SpecificData model = SpecificData.getForSchema(schema);
    final IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
    for (final Field field : schema.getFields()) {
      final String fieldPath = join(path, field.name());
      final JsonNode child = node.get(field.name());
      if (child != null) {
        record.put(field.pos(), value(child, field.schema(), fieldPath));
      } else if (field.hasDefaultValue()) {
        record.put(field.pos(), model.getDefaultValue(field));
      } else {
        throw new JsonRecordException(fieldPath, "required, missing");
      }
    }
    return record;
  }

  private static Object union(final JsonNode node, final Schema schema, final String path)
      throws JsonRecordException {
    final List<String> tried = new ArrayList<>();
    for (final Schema branch : schema.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        if (node.isNull()) {
          return null;
        }
        continue;
      }
      try {
        return value(node, branch, path);
      } catch (final JsonRecordException e) {
        if (schema.getTypes().size() == 2
            && schema.getTypes().get(0).getType() == Schema.Type.NULL) {
          throw e; // a nullable field: the one real branch says best what is wrong
        }
        tried.add(branch.getName());
      }
    }
    throw new JsonRecordException(path, "fits none of " + tried + ", got " + shown(node));
  }

  private static List<Object> array(final JsonNode node, final Schema schema, final String path)
      throws JsonRecordException {
    require(node, node.isArray(), "an array", path);
    final List<Object> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(value(node.get(i), schema.getElementType(), path + "[" + i + "]"));
    }
    return items;
  }

  private static Map<String, Object> map(
      final JsonNode node, final Schema schema, final String path) throws JsonRecordException {
    require(node, node.isObject(), "an object", path);
    final Map<String, Object> entries = new LinkedHashMap<>();
    final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> e = fields.next();
      entries.put(e.getKey(), value(e.getValue(), schema.getValueType(), join(path, e.getKey())));
    }
    return entries;
  }

  private static Object enumSymbol(final JsonNode node, final Schema schema, final String path)
      throws JsonRecordException {
    require(node, node.isTextual(), "one of " + schema.getEnumSymbols(), path);
    if (!schema.hasEnumSymbol(node.textValue())) {
      throw new JsonRecordException(
          path, "must be one of " + schema.getEnumSymbols() + ", got " + shown(node));
    }
    return SpecificData.getForSchema(schema).createEnum(node.textValue(), schema);
  }

  private static Instant instant(final JsonNode node, final String path)
      throws JsonRecordException {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node.isTextual()) {
      try {
        return OffsetDateTime.parse(node.textValue()).toInstant();
      } catch (final DateTimeParseException e) {
        // falls through to the error below
      }
    }
    throw new JsonRecordException(
        path,
        "expected epoch milliseconds or an ISO-8601 time with offset (2026-11-27T12:00:00Z), got "
            + shown(node));
  }

  private static JsonNode require(
      final JsonNode node, final boolean ok, final String expected, final String path)
      throws JsonRecordException {
    if (!ok) {
      throw new JsonRecordException(path, "expected " + expected + ", got " + shown(node));
    }
    return node;
  }

  private static String shown(final JsonNode node) {
    final String text = node.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static String join(final String path, final String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
