package io.inferenceimpact.alerts;

import io.inferenceimpact.config.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of one rule's fields that report problems naming the rule and the field ({@code rule
 * 'dirty-grid' (rules[3]), field 'minSaving': must be between 0 and 1, was 2}) instead of failing
 * at the first one, and that report fields no reader asked for.
 */
final class RuleFields {
  private final String where;
  private final Map<String, Object> values;
  private final List<String> problems;
  private final Set<String> asked = new LinkedHashSet<>();

  RuleFields(final String where, final Map<String, Object> values, final List<String> problems) {
    this.where = where;
    this.values = values;
    this.problems = problems;
  }

  void problem(final String field, final String message) {
    problems.add(where + ", field '" + field + "': " + message);
  }

  String text(final String field, final String defaultValue) {
    final Object raw = scalar(field);
    return raw == null ? defaultValue : raw.toString().trim();
  }

  String requiredText(final String field) {
    final String value = text(field, null);
    if (value == null) {
      problem(field, "is required");
    }
    return value;
  }

  double number(final String field, final Double defaultValue, final double min, final double max) {
    final Object raw = scalar(field);
    if (raw == null) {
      if (defaultValue == null) {
        problem(field, "is required");
        return Double.NaN;
      }
      return defaultValue;
    }
    final double value;
    try {
      value = Double.parseDouble(raw.toString().trim());
    } catch (final NumberFormatException e) {
      problem(field, "must be a number, was '" + raw + "'");
      return Double.NaN;
    }
    if (!Double.isFinite(value) || value < min || value > max) {
      problem(field, "must be between " + min + " and " + max + ", was " + raw);
    }
    return value;
  }

  /** A number, or null when absent. */
  Double optionalNumber(final String field, final double min, final double max) {
    return scalar(field) == null ? null : number(field, null, min, max);
  }

  Duration duration(final String field, final Duration defaultValue) {
    final Object raw = scalar(field);
    if (raw == null) {
      if (defaultValue == null) {
        problem(field, "is required");
      }
      return defaultValue;
    }
    final Duration value = Durations.parse(raw.toString()).orElse(null);
    if (value == null || value.isNegative() || value.isZero()) {
      problem(field, "must be a positive duration such as 30s, 5m, 1h or 2d, was '" + raw + "'");
      return defaultValue == null ? Duration.ofMinutes(1) : defaultValue;
    }
    return value;
  }

  <E extends Enum<E>> E choice(final String field, final Class<E> type, final E defaultValue) {
    final Object raw = scalar(field);
    if (raw == null) {
      return defaultValue;
    }
    for (final E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(raw.toString().trim())) {
        return constant;
      }
    }
    problem(
        field,
        "must be one of "
            + java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList()
            + ", was '"
            + raw
            + "'");
    return defaultValue;
  }

  Map<String, String> labels(final String field) {
    asked.add(field);
    final Object raw = values.get(field);
    final Map<String, String> labels = new LinkedHashMap<>();
    if (raw == null) {
      return labels;
    }
    if (!(raw instanceof Map<?, ?> map)) {
      problem(field, "must be a mapping of label names to values");
      return labels;
    }
    map.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
    return labels;
  }

  /** Reports every field no reader asked for. */
  void finish() {
    for (final String field : values.keySet()) {
      if (!asked.contains(field)) {
        problem(field, "unknown field (known here: " + String.join(", ", asked) + ")");
      }
    }
  }

  private Object scalar(final String field) {
    asked.add(field);
    final Object raw = values.get(field);
    if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
      problem(field, "must be a single value");
      return null;
    }
    return raw == null || raw.toString().isBlank() ? null : raw;
  }
}
