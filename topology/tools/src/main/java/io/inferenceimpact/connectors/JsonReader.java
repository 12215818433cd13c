package io.inferenceimpact.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Reads the JSON of one connector's responses: every missing or mistyped field becomes a {@link
 * GridFormatException} naming the connector and the field's path, so nothing half-read is ever
 * published.
 */
final class JsonReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** ISO-8601 with or without seconds ("2018-01-20T12:00Z" in the UK API). */
  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendPattern("HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]")
          .appendOffset("+HH:MM", "Z")
          .toFormatter();

  private final String connector;

  JsonReader(final String connector) {
    this.connector = connector;
  }

  JsonNode parse(final String body, final String what) {
    try {
      final JsonNode root = MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        throw fail(what + " is not a JSON object");
      }
      return root;
    } catch (final JsonProcessingException e) {
      throw new GridFormatException(
          connector, what + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  JsonNode object(final JsonNode node, final String field, final String path) {
    final JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw fail(path + "." + field + " is missing or not an object");
    }
    return value;
  }

  JsonNode array(final JsonNode node, final String field, final String path) {
    final JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw fail(path + "." + field + " is missing or not an array");
    }
    return value;
  }

  double number(final JsonNode node, final String field, final String path) {
    final JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw fail(path + "." + field + " is missing or not a number (was " + value + ")");
    }
    final double number = value.asDouble();
    if (!Double.isFinite(number) || number < 0) {
      throw fail(path + "." + field + " must be a finite number >= 0, was " + number);
    }
    return number;
  }

  /** The number, or null when the field is absent or JSON null. */
  Double optionalNumber(final JsonNode node, final String field, final String path) {
    final JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : number(node, field, path);
  }

  String text(final JsonNode node, final String field, final String path) {
    final JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw fail(path + "." + field + " is missing or not a string");
    }
    return value.asText();
  }

  String optionalText(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  Instant time(final JsonNode node, final String field, final String path) {
    final String text = text(node, field, path);
    try {
      return OffsetDateTime.parse(text, ISO).toInstant();
    } catch (final DateTimeParseException e) {
      throw fail(path + "." + field + " is not an ISO-8601 time: '" + text + "'");
    }
  }

  Instant optionalTime(final JsonNode node, final String field, final String path) {
    final JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : time(node, field, path);
  }

  GridFormatException fail(final String problem) {
    return new GridFormatException(connector, problem);
  }
}
