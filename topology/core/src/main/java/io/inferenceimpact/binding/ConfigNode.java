package io.inferenceimpact.binding;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The binder of every YAML file the product reads: a read-only view on one mapping, with typed
 * readers that apply defaults and bounds and report bad values to the {@link Binding} instead of
 * failing fast, so that one run shows every problem; {@link #finish()} reports the keys nobody
 * asked for.
 *
 * <p>How a problem names its key is chosen by whoever makes the node:
 *
 * <ul>
 *   <li>the service configuration names the key path ({@code fleet.nodes[node-3].pue: must be >=
 *       1.0, was 0.8}) and suggests the nearest known key for an unknown one;
 *   <li>a record of a list, such as one alert rule, names the record and the field ({@link
 *       #fields}: {@code rule 'dirty' (rules[3]), field 'minSaving': must be between 0.01 and 1.0,
 *       was 2}) and lists the known fields for an unknown one.
 * </ul>
 */
public final class ConfigNode {
  private final String path;
  private final Naming naming;
  private final Map<String, Object> values;
  private final Binding binding;
  private final Set<String> asked = new LinkedHashSet<>();

  /** A mapping of the configuration at a key path such as {@code fleet.nodes[node-3]}. */
  public ConfigNode(final String path, final Map<String, Object> values, final Binding binding) {
    this(path, Naming.KEY_PATH, values, binding);
  }

  private ConfigNode(
      final String path,
      final Naming naming,
      final Map<String, Object> values,
      final Binding binding) {
    this.path = path;
    this.naming = naming;
    this.values = values;
    this.binding = binding;
  }

  /**
   * The fields of one record of a list, whose problems read {@code <where>, field '<field>':
   * <problem>}; {@code where} names the record, e.g. {@code rule 'dirty' (rules[3])}.
   */
  public static ConfigNode fields(
      final String where, final Map<?, ?> values, final Binding binding) {
    return new ConfigNode("", new FieldNaming(where), ConfigNode.asTree(values), binding);
  }

  public String pathOf(final String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public Binding binding() {
    return binding;
  }

  /** Reports a problem with the value of the key, e.g. one that contradicts another key. */
  public void problem(final String key, final String message) {
    problemAt(pathOf(key), message);
  }

  /** A text value, or the default (may be null) when absent. */
  public String string(final String key, final String defaultValue) {
    final Object raw = scalar(key);
    return raw == null ? defaultValue : raw.toString().trim();
  }

  /** A text value that must be there (null, with a problem, when absent). */
  public String requiredString(final String key) {
    final String value = string(key, null);
    if (value == null) {
      problem(key, "is required");
    }
    return value;
  }

  /** A whole number from {@code min} to {@code max}. */
  public int integer(final String key, final int defaultValue, final int min, final int max) {
    final Object raw = scalar(key);
    if (raw == null) {
      return defaultValue;
    }
    try {
      final int value = Integer.parseInt(raw.toString().trim());
      if (value < min || value > max) {
        problem(key, "must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    } catch (final NumberFormatException e) {
      problem(key, "must be a whole number, was '" + raw + "'");
      return defaultValue;
    }
  }

  /** A finite number that must be {@code >= min}. */
  public double number(final String key, final double defaultValue, final double min) {
    final Object raw = scalar(key);
    return raw == null ? defaultValue : toNumber(pathOf(key), raw, defaultValue, min);
  }

  /**
   * A finite number from {@code min} to {@code max}; required (NaN, with a problem, when absent)
   * when the default is null.
   */
  public double number(
      final String key, final Double defaultValue, final double min, final double max) {
    final Object raw = scalar(key);
    if (raw == null) {
      if (defaultValue == null) {
        problem(key, "is required");
        return Double.NaN;
      }
      return defaultValue;
    }
    final Double value = parseNumber(pathOf(key), raw);
    if (value == null) {
      return defaultValue == null ? Double.NaN : defaultValue;
    }
    if (!Double.isFinite(value) || value < min || value > max) {
      problem(key, "must be between " + min + " and " + max + ", was " + raw);
    }
    return value;
  }

  /** A number from {@code min} to {@code max}, or null when absent. */
  public Double optionalNumber(final String key, final double min, final double max) {
    return scalar(key) == null ? null : number(key, null, min, max);
  }

  /** A positive duration, or the default (may be null) when absent or invalid. */
  public Duration duration(final String key, final Duration defaultValue) {
    return duration(key, defaultValue, false);
  }

  /** A duration that may be zero (e.g. "no wait"), never negative. */
  public Duration durationOrZero(final String key, final Duration defaultValue) {
    return duration(key, defaultValue, true);
  }

  private Duration duration(final String key, final Duration defaultValue, final boolean zeroOk) {
    final Object raw = scalar(key);
    if (raw == null) {
      return defaultValue;
    }
    final Duration value = Durations.parse(raw.toString()).orElse(null);
    if (value == null) {
      problem(key, "must be a duration such as 5s, 10m, 1h or PT5S, was '" + raw + "'");
      return defaultValue;
    }
    if (value.isNegative() || (value.isZero() && !zeroOk)) {
      problem(key, "must be " + (zeroOk ? "zero or more" : "positive") + ", was '" + raw + "'");
      return defaultValue;
    }
    return value;
  }

  /** {@code true} or {@code false}, in any case. */
  public boolean bool(final String key, final boolean defaultValue) {
    final Object raw = scalar(key);
    if (raw == null) {
      return defaultValue;
    }
    final String text = raw.toString().trim().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      problem(key, "must be true or false, was '" + raw + "'");
      return defaultValue;
    }
    return Boolean.parseBoolean(text);
  }

  /** One of the constants of the enum, named in any case ({@code warning}, {@code WARNING}). */
  public <E extends Enum<E>> E choice(final String key, final Class<E> type, final E defaultValue) {
    final Object raw = scalar(key);
    if (raw == null) {
      return defaultValue;
    }
    final String wanted = raw.toString().trim();
    for (final E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(wanted)) {
        return constant;
      }
    }
    problem(
        key,
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
  public List<String> strings(final String key) {
    ask(key);
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

  /** Texts by name, in file order, e.g. the labels of an alert rule (empty when absent). */
  public Map<String, String> labels(final String key) {
    asked.add(key);
    final Object raw = values.get(key);
    final Map<String, String> labels = new LinkedHashMap<>();
    if (raw == null) {
      return labels;
    }
    if (!(raw instanceof Map<?, ?> map)) {
      problem(key, "must be a mapping of label names to values");
      return labels;
    }
    map.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
    return labels;
  }

  /** The mapping under the key (empty when absent). */
  public ConfigNode child(final String key) {
    asked.add(key);
    return new ConfigNode(pathOf(key), naming, mapping(key), binding);
  }

  /** Named entries under the key, each at path {@code key[name]}, in file order. */
  public Map<String, ConfigNode> entries(final String key) {
    asked.add(key);
    final Map<String, ConfigNode> result = new LinkedHashMap<>();
    mapping(key)
        .forEach(
            (name, value) -> {
              final String entryPath = pathOf(key) + "[" + name + "]";
              if (value instanceof Map<?, ?> map) {
                result.put(
                    name, new ConfigNode(entryPath, naming, ConfigNode.asTree(map), binding));
              } else {
                problemAt(entryPath, "must be a mapping of keys to values, was '" + value + "'");
              }
            });
    return result;
  }

  /** Named numbers under the key, e.g. fallback factors per zone, each {@code >= min}. */
  public Map<String, Double> numbers(final String key, final double min) {
    asked.add(key);
    final Map<String, Double> result = new TreeMap<>();
    mapping(key)
        .forEach(
            (name, value) ->
                result.put(name, toNumber(pathOf(key) + "[" + name + "]", value, 0.0, min)));
    return result;
  }

  /** Every entry as text, for sections that pass client properties through untouched. */
  public Map<String, String> passthrough() {
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
  public void finish() {
    for (final String key : values.keySet()) {
      if (!asked.contains(key)) {
        problem(key, naming.unknown(key, asked, this::pathOf));
      }
    }
  }

  /** Marks a key as read; a key path of the configuration may then be set by the environment. */
  private void ask(final String key) {
    asked.add(key);
    if (naming == Naming.KEY_PATH) {
      binding.known(pathOf(key));
    }
  }

  private Object scalar(final String key) {
    ask(key);
    final Object raw = values.get(key);
    if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
      problem(key, "must be a single value, not a " + (raw instanceof Map ? "mapping" : "list"));
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
      return ConfigNode.asTree(map);
    }
    problem(key, "must be a mapping of keys to values, was '" + raw + "'");
    return Map.of();
  }

  private double toNumber(
      final String keyPath, final Object raw, final double defaultValue, final double min) {
    final Double value = parseNumber(keyPath, raw);
    if (value == null) {
      return defaultValue;
    }
    if (!Double.isFinite(value)) {
      problemAt(keyPath, "must be a finite number, was '" + raw + "'");
    } else if (value < min) {
      problemAt(keyPath, "must be >= " + min + ", was " + raw);
    }
    return value;
  }

  /** The number, or null (with a problem) when the text is none. */
  private Double parseNumber(final String keyPath, final Object raw) {
    try {
      return Double.parseDouble(raw.toString().trim());
    } catch (final NumberFormatException e) {
      problemAt(keyPath, "must be a number, was '" + raw + "'");
      return null;
    }
  }

  private void problemAt(final String keyPath, final String message) {
    binding.problem(naming.name(keyPath), message);
  }

  /** How problems name a key: its key path, or the record and field. */
  private interface Naming {
    Naming KEY_PATH = new KeyPathNaming();

    /** The start of a problem with the key at the path (relative to the record, if any). */
    String name(String keyPath);

    /** The problem of a key nobody asked for. */
    String unknown(String key, Set<String> asked, UnaryOperator<String> pathOf);
  }

  private record KeyPathNaming() implements Naming {
    @Override
    public String name(final String keyPath) {
      return keyPath;
    }

    @Override
    public String unknown(
        final String key, final Set<String> asked, final UnaryOperator<String> pathOf) {
      return "unknown key"
          + Suggestions.didYouMean(key, asked)
              .map(s -> " (did you mean " + pathOf.apply(s) + "?)")
              .orElse("");
    }
  }

  private record FieldNaming(String where) implements Naming {
    @Override
    public String name(final String keyPath) {
      return where + ", field '" + keyPath + "'";
    }

    @Override
    public String unknown(
        final String key, final Set<String> asked, final UnaryOperator<String> pathOf) {
      return "unknown field (known here: " + String.join(", ", asked) + ")";
    }
  }

  /** A deep, mutable copy with text keys. */
  public static Map<String, Object> asTree(final Map<?, ?> map) {
    final Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof Map<?, ?> m ? asTree(m) : v));
    return copy;
  }
}
