package io.inferenceimpact.config;

import io.inferenceimpact.binding.Binding;
import io.inferenceimpact.binding.ConfigNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code kafka} section: Kafka Streams and client properties, passed through untouched (SASL,
 * SSL, producer./consumer. prefixes, anything), over the product's defaults. Secrets never appear
 * in {@link #toString()}.
 */
public record KafkaSettings(Map<String, String> properties) {
  /** Defaults put under the user's values. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static final java.util.Set<String> GUARANTEES =
      java.util.Set.of("at_least_once", "exactly_once_v2");

  public KafkaSettings {
    properties = Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  static KafkaSettings bind(final ConfigNode node) {
    final Map<String, String> merged = new TreeMap<>(DEFAULTS);
    merged.putAll(node.passthrough());
    final Binding binding = node.binding();
    if (merged.get("bootstrap.servers").isBlank()) {
      binding.problem(node.pathOf("bootstrap.servers"), "must not be empty");
    }
    if (!merged.get("application.id").matches("[A-Za-z0-9._-]+")) {
      binding.problem(
          node.pathOf("application.id"),
          "may hold only letters, digits, '.', '_' and '-', was '"
              + merged.get("application.id")
              + "'");
    }
    if (!GUARANTEES.contains(merged.get("processing.guarantee"))) {
      binding.problem(
          node.pathOf("processing.guarantee"),
          "must be at_least_once or exactly_once_v2, was '"
              + merged.get("processing.guarantee")
              + "'");
    }
    if (!merged.get("num.standby.replicas").matches("\\d{1,3}")) {
      binding.problem(
          node.pathOf("num.standby.replicas"),
          "must be a whole number >= 0, was '" + merged.get("num.standby.replicas") + "'");
    }
    return new KafkaSettings(merged);
  }

  public String applicationId() {
    return properties.get("application.id");
  }

  public String bootstrapServers() {
    return properties.get("bootstrap.servers");
  }

  /** A fresh copy the caller may change. */
  public Properties asProperties() {
    final Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  @Override
  public String toString() {
    return "KafkaSettings" + Secrets.masked(properties);
  }

  private static Map<String, String> defaults() {
    final Map<String, String> d = new LinkedHashMap<>();
    d.put("application.id", "inference-impact");
    d.put("bootstrap.servers", "127.0.0.1:9092");
    d.put("processing.guarantee", "exactly_once_v2");
    d.put("num.standby.replicas", "1");
    d.put("max.task.idle.ms", "-1");
    d.put("state.dir", "impact-state");
    return Collections.unmodifiableMap(d);
  }
}
