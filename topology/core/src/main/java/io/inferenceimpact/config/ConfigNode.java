package io.inferenceimpact.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read-only view on one mapping of the configuration tree, at a key path such as {@code
 * fleet.nodes[node-3]}. Typed readers apply defaults and report bad values to the {@link Binding}
 * instead of failing fast, so that one run shows every problem; {@link #finish()} reports the keys
 * nobody asked for as unknown, with a suggestion.
 */
final class ConfigNode {
  private final String path;
  private final Map<String, Object> values;
  private final Binding binding;
  private final Set<String> asked = new LinkedHashSet<>();

  ConfigNode(final String path, final Map<String, Object> values, final Binding binding) {
    this.path = path;
    this.values = values;
    this.binding = binding;
  }

  String pathOf(final String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Binding binding() {
    return binding;
  }

  /** A text value, or the default (may be null) when absent. */
  String string(final String key, final String defaultValue) {
    final Object raw = scalar(key);
    return raw == null ? defaultValue : raw.toString().trim();
  }

  int integer(final String key, final int defaultValue, final int min, final int max) {
    final Object raw = scalar(key);
    if (raw == null) {
      return defaultValue;
    }
    try {
      final int value = Integer.parseInt(raw.toString().trim());
      if (value < min || value > max) {
        binding.problem(pathOf(key), "must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    } catch (final NumberFormatException e) {
      binding.problem(pathOf(key), "must be a whole number, was '" + raw + "'");
      return defaultValue;
    }
  }

  /** A finite number that must be {@code >= min}. */
  double number(final String key, final double defaultValue, final double min) {
    final Object raw = scalar(key);
    return raw == null ? defaultValue : toNumber(pathOf(key), raw, defaultValue, min);
  }

  Duration duration(final String key, final Duration defaultValue) {
    return duration(key, defaultValue, false);
  }

  /** A duration that may be zero (e.g. "no wait"), never negative. */
  Duration durationOrZero(final String key, final Duration defaultValue) {
    return duration(key, defaultValue, true);
  }

  private Duration duration(final String key, final Duration defaultValue, final boolean zeroOk) {
    final Object raw = scalar(key);
    if (raw == null) {
      return defaultValue;
    }
    final Duration value = Durations.parse(raw.toString()).orElse(null);
    if (value == null) {
      binding.problem(
          pathOf(key), "must be a duration such as 5s, 10m, 1h or PT5S, was '" + raw + "'");
      return defaultValue;
    }
    if (value.isNegative() || (value.isZero() && !zeroOk)) {
      binding.problem(
          pathOf(key), "must be " + (zeroOk ? "zero or more" : "positive") + ", was '" + raw + "'");
    }
    return value;
  }

  boolean bool(final String key, final boolean defaultValue) {
    final Object raw = scalar(key);
    if (raw == null) {
      return defaultValue;
    }
    final String text = raw.toString().trim().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      binding.problem(pathOf(key), "must be true or false, was '" + raw + "'");
      return defaultValue;
    }
    return Boolean.parseBoolean(text);
  }

  <E extends Enum<E>> E choice(final String key, final Class<E> type, final E defaultValue) {
    final Object raw = scalar(key);
    if (raw == null) {
      return defaultValue;
    }
    final String wanted = raw.toString().trim().toLowerCase(Locale.ROOT);
    for (final E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return constant;
      }
    }
    binding.problem(
        pathOf(key),
        "must be one of "
            + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList()
            + ", was '"
            + raw
            + "'");
    return defaultValue;
  }

  /** A list of texts, written as a YAML list or as one comma-separated text. */
  List<String> strings(final String key) {
    asked.add(key);
    binding.known(pathOf(key));
    final Object raw = values.get(key);
    if (raw == null) {
      return List.of();
    }
    if (raw instanceof List<?> list) {
      return list.stream().map(String::valueOf).map(String::trim).toList();
    }
    return Arrays.stream(raw.toString().split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** The mapping under the key (empty when absent). */
  ConfigNode child(final String key) {
    asked.add(key);
    return new ConfigNode(pathOf(key), mapping(key), binding);
  }

  /** Named entries under the key, each at path {@code key[name]}, in file order. */
  Map<String, ConfigNode> entries(final String key) {
    asked.add(key);
    final Map<String, ConfigNode> result = new LinkedHashMap<>();
    mapping(key)
        .forEach(
            (name, value) -> {
              final String entryPath = pathOf(key) + "[" + name + "]";
              if (value instanceof Map<?, ?> map) {
                result.put(name, new ConfigNode(entryPath, ConfigTree.asTree(map), binding));
              } else {
                binding.problem(
                    entryPath, "must be a mapping of keys to values, was '" + value + "'");
              }
            });
    return result;
  }

  /** Named numbers under the key, e.g. fallback factors per zone, each {@code >= min}. */
  Map<String, Double> numbers(final String key, final double min) {
    asked.add(key);
    final Map<String, Double> result = new TreeMap<>();
    mapping(key)
        .forEach(
            (name, value) ->
                result.put(name, toNumber(pathOf(key) + "[" + name + "]", value, 0.0, min)));
    return result;
  }

  /** Every entry as text, for sections that pass client properties through untouched. */
  Map<String, String> passthrough() {
    final Map<String, String> result = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          asked.add(k);
          if (v != null) {
            result.put(k, v.toString());
          }
        });
    return result;
  }

  /** Reports every key of this mapping that no reader asked for. */
  void finish() {
    for (final String key : values.keySet()) {
      if (!asked.contains(key)) {
        binding.problem(
            pathOf(key),
            "unknown key"
                + Suggestions.didYouMean(key, asked)
                    .map(s -> " (did you mean " + pathOf(s) + "?)")
                    .orElse(""));
      }
    }
  }

  private Object scalar(final String key) {
    asked.add(key);
    binding.known(pathOf(key));
    final Object raw = values.get(key);
    if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
      binding.problem(
          pathOf(key),
          "must be a single value, not a " + (raw instanceof Map ? "mapping" : "list"));
      return null;
    }
    return raw == null || raw.toString().isBlank() ? null : raw;
  }

  private Map<String, Object> mapping(final String key) {
    final Object raw = values.get(key);
    if (raw == null) {
      return Map.of();
    }
    if (raw instanceof Map<?, ?> map) {
      return ConfigTree.asTree(map);
    }
    binding.problem(pathOf(key), "must be a mapping of keys to values, was '" + raw + "'");
    return Map.of();
  }

  private double toNumber(
      final String keyPath, final Object raw, final double defaultValue, final double min) {
    final double value;
    try {
      value = Double.parseDouble(raw.toString().trim());
    } catch (final NumberFormatException e) {
      binding.problem(keyPath, "must be a number, was '" + raw + "'");
      return defaultValue;
    }
    if (!Double.isFinite(value)) {
      binding.problem(keyPath, "must be a finite number, was '" + raw + "'");
    } else if (value < min) {
      binding.problem(keyPath, "must be >= " + min + ", was " + raw);
    }
    return value;
  }
}
