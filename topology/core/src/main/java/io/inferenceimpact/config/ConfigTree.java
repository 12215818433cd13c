package io.inferenceimpact.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.inferenceimpact.binding.Binding;
import io.inferenceimpact.binding.ConfigNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Turns a configuration file (YAML, or .properties) into a tree of nested maps that is owned by the
 * loader and may be changed by it: the caller's objects are only read. Sections that pass client
 * properties through ({@code kafka}, {@code schemaRegistry}) are flattened to dotted keys, so
 * {@code bootstrap: {servers: x}} and {@code bootstrap.servers: x} mean the same.
 */
final class ConfigTree {
  /** Sections whose keys are client property names, kept verbatim. */
  static final Set<String> PASSTHROUGH_SECTIONS = Set.of("kafka", "schemaRegistry");

  private ConfigTree() {}

  static Map<String, Object> read(final Path file, final Binding binding) {
    final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (name.endsWith(".properties")) {
        final Properties properties = new Properties();
        properties.load(reader);
        return fromProperties(properties);
      }
      final Map<String, Object> tree =
          new YAMLMapper().readValue(reader, new TypeReference<Map<String, Object>>() {});
      return flattenPassthrough(tree == null ? new LinkedHashMap<>() : asTree(tree));
    } catch (final IOException | RuntimeException e) {
      binding.problem(
          file
              + ": cannot be read as "
              + (name.endsWith(".properties") ? "properties" : "YAML")
              + ": "
              + firstLine(e.getMessage()));
      return new LinkedHashMap<>();
    }
  }

  /**
   * Properties use dotted paths; entries of named maps may be bracketed when their names hold dots:
   * {@code fleet.nodes[gpu-1.dc1].pue=1.2}. Everything after {@code kafka.} is one client key.
   */
  static Map<String, Object> fromProperties(final Properties properties) {
    final Map<String, Object> tree = new LinkedHashMap<>();
    for (final String key : properties.stringPropertyNames()) {
      final String value = properties.getProperty(key);
      final int dot = key.indexOf('.');
      if (dot > 0 && PASSTHROUGH_SECTIONS.contains(key.substring(0, dot))) {
        put(tree, List.of(key.substring(0, dot), key.substring(dot + 1)), value);
      } else {
        put(tree, segments(key), value);
      }
    }
    return tree;
  }

  /**
   * Sets a value at a path of keys, creating (or replacing non-map values by) mappings on the way.
   */
  @SuppressWarnings("unchecked")
  static void put(final Map<String, Object> tree, final List<String> path, final Object value) {
    Map<String, Object> current = tree;
    for (final String segment : path.subList(0, path.size() - 1)) {
      final Object next = current.get(segment);
      if (next instanceof Map<?, ?>) {
        current = (Map<String, Object>) next;
      } else {
        final Map<String, Object> created = new LinkedHashMap<>();
        current.put(segment, created);
        current = created;
      }
    }
    current.put(path.get(path.size() - 1), value);
  }

  /** A deep, mutable copy with text keys. */
  static Map<String, Object> asTree(final Map<?, ?> map) {
    return ConfigNode.asTree(map);
  }

  /** Splits {@code a.b[c.d].e} into {@code a, b, c.d, e}. */
  static List<String> segments(final String key) {
    final List<String> result = new java.util.ArrayList<>();
    final StringBuilder current = new StringBuilder();
    boolean bracket = false;
    for (final char c : key.toCharArray()) {
      if (c == '[' && !bracket) {
        bracket = true;
        flush(current, result);
      } else if (c == ']' && bracket) {
        bracket = false;
        flush(current, result);
      } else if (c == '.' && !bracket) {
        flush(current, result);
      } else {
        current.append(c);
      }
    }
    flush(current, result);
    return result;
  }

  private static void flush(final StringBuilder current, final List<String> into) {
    if (current.length() > 0) {
      into.add(current.toString());
      current.setLength(0);
    }
  }

  private static Map<String, Object> flattenPassthrough(final Map<String, Object> tree) {
    for (final String section : PASSTHROUGH_SECTIONS) {
      if (tree.get(section) instanceof Map<?, ?> nested) {
        final Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", nested, flat);
        tree.put(section, flat);
      }
    }
    return tree;
  }

  private static void flatten(
      final String prefix, final Map<?, ?> nested, final Map<String, Object> into) {
    nested.forEach(
        (k, v) -> {
          final String key = prefix + k;
          if (v instanceof Map<?, ?> m) {
            flatten(key + ".", m, into);
          } else if (v instanceof List<?> list) {
            into.put(key, String.join(",", list.stream().map(String::valueOf).toList()));
          } else {
            into.put(key, v);
          }
        });
  }

  private static String firstLine(final String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
