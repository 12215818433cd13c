package io.inferenceimpact.schemas.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Checks that a current schema may replace its released versions under the project's evolution
 * rule: BACKWARD compatible (a reader on the current schema decodes data written with every
 * released version, as Avro's {@link SchemaCompatibility} decides), every field added since a
 * release has a default, and no released field disappears (subscribers rely on the names).
 *
 * <p>Pure: it takes parsed schemas and returns human-readable problems, each naming the schema, the
 * released version and the field; an empty list means the change is allowed.
 */
public final class SchemaCompatibilityCheck {

  private SchemaCompatibilityCheck() {}

  /**
   * Checks {@code current} against every released version.
   *
   * @param name the record name used in messages (e.g. InferenceRequest)
   * @param current the schema in src/main/avro
   * @param released released versions by version number (1, 2, ...)
   * @return the problems found, empty if the current schema is an allowed evolution
   */
  public static List<String> check(
      final String name, final Schema current, final SortedMap<Integer, Schema> released) {
    final List<String> problems = new ArrayList<>();
    released.forEach((version, writer) -> problems.addAll(check(name, current, version, writer)));
    return problems;
  }

  /** Checks {@code current} (the reader) against one released version (the writer). */
  public static List<String> check(
      final String name, final Schema current, final int version, final Schema writer) {
    final String prefix = name + " v" + version + " -> current: ";
    final List<String> problems = new ArrayList<>(fieldRuleProblems(prefix, current, writer));
    final List<Incompatibility> incompatibilities =
        SchemaCompatibility.checkReaderWriterCompatibility(current, writer)
            .getResult()
            .getIncompatibilities();
    for (final Incompatibility incompatibility : incompatibilities) {
      if (incompatibility.getType()
          == SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE) {
        continue; // reported above, with the field's full path, as "added without a default"
      }
      final String field = FieldPaths.of(current, incompatibility.getLocation());
      problems.add(
          prefix
              + incompatibility.getType()
              + (field.isEmpty() ? "" : " in field '" + field + "'")
              + ": "
              + incompatibility.getMessage());
    }
    return problems;
  }

  /** Added fields need a default; released fields may not vanish (an alias keeps a rename). */
  private static List<String> fieldRuleProblems(
      final String prefix, final Schema current, final Schema writer) {
    final List<String> problems = new ArrayList<>();
    final Map<String, Schema> writerRecords = records(writer);
    for (final Map.Entry<String, Schema> entry : records(current).entrySet()) {
      final Schema writerRecord = writerRecords.get(entry.getKey());
      if (writerRecord == null) {
        continue; // a new nested type: its field holding it is checked as an added field
      }
      final Schema readerRecord = entry.getValue();
      final String where =
          readerRecord.getName().equals(current.getName()) ? "" : readerRecord.getName() + ".";
      for (final Schema.Field field : readerRecord.getFields()) {
        if (writerField(writerRecord, field) == null && !field.hasDefaultValue()) {
          problems.add(
              prefix
                  + "field '"
                  + where
                  + field.name()
                  + "' was added without a default; new fields must be optional with a default");
        }
      }
      for (final Schema.Field old : writerRecord.getFields()) {
        if (!isKept(readerRecord, old.name())) {
          problems.add(
              prefix
                  + "field '"
                  + where
                  + old.name()
                  + "' was removed or renamed; released fields stay (deprecate them in their doc,"
                  + " or keep the old name as an alias)");
        }
      }
    }
    return problems;
  }

  private static Schema.Field writerField(final Schema writerRecord, final Schema.Field field) {
    final Schema.Field byName = writerRecord.getField(field.name());
    if (byName != null) {
      return byName;
    }
    for (final String alias : field.aliases()) {
      if (writerRecord.getField(alias) != null) {
        return writerRecord.getField(alias);
      }
    }
    return null;
  }

  private static boolean isKept(final Schema readerRecord, final String writerFieldName) {
    return readerRecord.getField(writerFieldName) != null
        || readerRecord.getFields().stream().anyMatch(f -> f.aliases().contains(writerFieldName));
  }

  /** All record types reachable from {@code schema}, by full name. */
  static Map<String, Schema> records(final Schema schema) {
    final Map<String, Schema> found = new LinkedHashMap<>();
    collect(schema, found);
    return found;
  }

  private static void collect(final Schema schema, final Map<String, Schema> found) {
    switch (schema.getType()) {
      case RECORD -> {
        if (found.putIfAbsent(schema.getFullName(), schema) == null) {
          schema.getFields().forEach(f -> collect(f.schema(), found));
        }
      }
      case ARRAY -> collect(schema.getElementType(), found);
      case MAP -> collect(schema.getValueType(), found);
      case UNION -> schema.getTypes().forEach(t -> collect(t, found));
      default -> {}
    }
  }
}
