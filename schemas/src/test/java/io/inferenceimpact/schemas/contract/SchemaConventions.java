package io.inferenceimpact.schemas.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The naming and documentation rules of the data contract, as a function from a schema to its
 * violations: docs everywhere, snake_case fields, evolution-friendly enums and optionals, a unit in
 * the name of every numeric quantity, and timestamps as timestamp-millis with time-like names.
 */
final class SchemaConventions {

  static final String NAMESPACE = "io.inferenceimpact.avro";

  /** Unit suffixes of plain quantities and counts. Small on purpose: extend it only with reason. */
  static final List<String> UNITS =
      List.of(
          "joules",
          "megajoules",
          "millijoules_total",
          "watts",
          "grams",
          "kg_sb_eq",
          "litres",
          "percent",
          "ratio",
          "bytes",
          "ms",
          "years",
          "tokens",
          "images",
          "requests",
          "count");

  /** Rates are {@code <quantity>_<numerator>_per_<denominator>}, e.g. intensity_g_per_kwh. */
  static final List<String> RATE_NUMERATORS = List.of("g", "grams", "wh", "litres");

  static final List<String> RATE_DENOMINATORS =
      List.of("kwh", "1k_output_tokens", "request", "hour");

  /** Names a timestamp field may have: exactly these, or ending in _ plus one of them. */
  static final List<String> TIME_WORDS = List.of("time", "from", "to", "start", "end", "at");

  private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern PASCAL = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  private SchemaConventions() {}

  /** Every violation in {@code schema} and the named types inside it. */
  static List<String> violations(final Schema schema) {
    final List<String> found = new ArrayList<>();
    final Set<Schema> named = new LinkedHashSet<>();
    collectNamed(schema, named);
    for (final Schema type : named) {
      final String name = type.getFullName();
      if (!NAMESPACE.equals(type.getNamespace())) {
        found.add(name + ": namespace must be " + NAMESPACE);
      }
      if (!PASCAL.matcher(type.getName()).matches()) {
        found.add(name + ": type names are PascalCase");
      }
      if (isBlank(type.getDoc())) {
        found.add(name + ": has no doc");
      }
      if (type.getType() == Schema.Type.ENUM) {
        enumViolations(type, found);
      } else if (type.getType() == Schema.Type.RECORD) {
        type.getFields()
            .forEach(f -> fieldViolations(type.getName() + "." + f.name(), type, f, found));
      }
    }
    return found;
  }

  private static void enumViolations(final Schema type, final List<String> found) {
    if (type.getEnumDefault() == null) {
      found.add(
          type.getName() + ": enums declare a default symbol, so old readers survive new symbols");
    }
    type.getEnumSymbols().stream()
        .filter(s -> !UPPER_SNAKE.matcher(s).matches())
        .forEach(s -> found.add(type.getName() + "." + s + ": enum symbols are UPPER_SNAKE_CASE"));
  }

  private static void fieldViolations(
      final String where, final Schema record, final Schema.Field field, final List<String> found) {
    if (isBlank(field.doc())) {
      found.add(where + ": has no doc");
    }
    if (!SNAKE.matcher(field.name()).matches()) {
      found.add(where + ": field names are snake_case");
    }
    Schema type = field.schema();
    if (type.getType() == Schema.Type.UNION) {
      if (type.getTypes().size() != 2
          || type.getTypes().get(0).getType() != Schema.Type.NULL
          || !field.hasDefaultValue()
          || field.defaultVal() != JsonProperties.NULL_VALUE) {
        found.add(where + ": optional fields are [\"null\", T] with default null");
        return;
      }
      type = type.getTypes().get(1);
    }
    if (type.getType() == Schema.Type.ARRAY) {
      type = type.getElementType();
    } else if (type.getType() == Schema.Type.MAP) {
      type = type.getValueType();
    }
    if (type.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      if (!hasTimeName(field.name())) {
        found.add(where + ": timestamps are named time or *_" + String.join("/_", TIME_WORDS));
      }
    } else if (type.getLogicalType() != null) {
      found.add(where + ": only timestamp-millis is used as a logical type");
    } else if (isNumber(type) && !hasUnit(field.name()) && record.getField("unit") == null) {
      found.add(
          where
              + ": numeric field needs a unit suffix ("
              + String.join(", ", UNITS)
              + ") or a rate <numerator>_per_<denominator>, or a sibling 'unit' field");
    }
  }

  static boolean hasUnit(final String name) {
    if (UNITS.stream().anyMatch(u -> name.equals(u) || name.endsWith("_" + u))) {
      return true;
    }
    final int per = name.lastIndexOf("_per_");
    if (per < 0) {
      return false;
    }
    final String numerator = name.substring(0, per);
    final String denominator = name.substring(per + "_per_".length());
    return RATE_DENOMINATORS.contains(denominator)
        && RATE_NUMERATORS.stream()
            .anyMatch(u -> numerator.equals(u) || numerator.endsWith("_" + u));
  }

  private static boolean hasTimeName(final String name) {
    return TIME_WORDS.stream().anyMatch(w -> name.equals(w) || name.endsWith("_" + w));
  }

  private static boolean isNumber(final Schema type) {
    return switch (type.getType()) {
      case INT, LONG, FLOAT, DOUBLE -> true;
      default -> false;
    };
  }

  private static void collectNamed(final Schema schema, final Set<Schema> named) {
    switch (schema.getType()) {
      case RECORD -> {
        if (named.add(schema)) {
          schema.getFields().forEach(f -> collectNamed(f.schema(), named));
        }
      }
      case ENUM, FIXED -> named.add(schema);
      case ARRAY -> collectNamed(schema.getElementType(), named);
      case MAP -> collectNamed(schema.getValueType(), named);
      case UNION -> schema.getTypes().forEach(t -> collectNamed(t, named));
      default -> {}
    }
  }

  private static boolean isBlank(final String text) {
    return text == null || text.isBlank();
  }
}
