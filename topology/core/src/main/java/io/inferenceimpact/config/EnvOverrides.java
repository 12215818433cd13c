package io.inferenceimpact.config;

import io.inferenceimpact.binding.Binding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies environment variables over the file's tree. The environment is passed in (never read
 * here), and only read.
 *
 * <ul>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS}, and any {@code KAFKA_<NAME>} → Kafka client key {@code
 *       <name>} lower-cased with {@code _} → {@code .} (KAFKA_SASL_MECHANISM → sasl.mechanism); the
 *       launcher variables of Kafka's own scripts (KAFKA_OPTS, KAFKA_HEAP_OPTS, ...) are ignored.
 *   <li>{@code SCHEMA_REGISTRY_URL} → schemaRegistry.url; any other {@code SCHEMA_REGISTRY_<NAME>}
 *       → the Confluent client key the same way (…_BASIC_AUTH_USER_INFO → basic.auth.user.info;
 *       ssl.* keys get the {@code schema.registry.} prefix Confluent clients expect).
 *   <li>{@code IMPACT_<KEY_PATH>} → the configuration key whose path, upper-cased with {@code .}
 *       and camelCase boundaries written as {@code _}, is KEY_PATH (IMPACT_WINDOWS_SIZE →
 *       windows.size, IMPACT_ENERGY_MAX_SAMPLE_GAP → energy.maxSampleGap). Underscores are not
 *       significant in the match. An IMPACT_ variable that names no key is a configuration error.
 *       {@code IMPACT_CONFIG} (the file to load) is reserved for the command line.
 * </ul>
 */
final class EnvOverrides {
  /** Variables of Kafka's shell scripts, not client properties. */
  static final Set<String> KAFKA_SCRIPT_VARIABLES =
      Set.of(
          "KAFKA_OPTS",
          "KAFKA_HEAP_OPTS",
          "KAFKA_JVM_PERFORMANCE_OPTS",
          "KAFKA_LOG4J_OPTS",
          "KAFKA_GC_LOG_OPTS",
          "KAFKA_JMX_OPTS",
          "KAFKA_DEBUG",
          "KAFKA_HOME",
          "KAFKA_LOG_DIR");

  /** The variable naming the configuration file; read by the command line, not a key. */
  static final String CONFIG_FILE_VARIABLE = "IMPACT_CONFIG";

  private EnvOverrides() {}

  static void apply(
      final Map<String, Object> tree,
      final Map<String, String> env,
      final Set<String> knownPaths,
      final Binding binding) {
    final Map<String, String> byNormalName = new TreeMap<>();
    knownPaths.forEach(p -> byNormalName.put(envName(p).replace("_", ""), p));
    new TreeMap<>(env)
        .forEach(
            (name, value) -> {
              if (name.startsWith("KAFKA_") && !KAFKA_SCRIPT_VARIABLES.contains(name)) {
                set(
                    tree,
                    binding,
                    "kafka",
                    clientKey(name.substring("KAFKA_".length())),
                    name,
                    value);
              } else if (name.equals("SCHEMA_REGISTRY_URL")) {
                set(tree, binding, "schemaRegistry", "url", name, value);
              } else if (name.startsWith("SCHEMA_REGISTRY_")) {
                final String key = clientKey(name.substring("SCHEMA_REGISTRY_".length()));
                set(
                    tree,
                    binding,
                    "schemaRegistry",
                    key.startsWith("ssl.") ? "schema.registry." + key : key,
                    name,
                    value);
              } else if (name.startsWith("IMPACT_") && !name.equals(CONFIG_FILE_VARIABLE)) {
                final String path =
                    byNormalName.get(name.substring("IMPACT_".length()).replace("_", ""));
                if (path == null) {
                  binding.problem(name + ": environment variable names no configuration key");
                } else {
                  ConfigTree.put(tree, List.of(path.split("\\.")), value);
                  binding.origin(path, name);
                }
              }
            });
  }

  /** The IMPACT_ variable for a key path: {@code energy.maxSampleGap} → ENERGY_MAX_SAMPLE_GAP. */
  static String envName(final String keyPath) {
    return keyPath
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .replace('.', '_')
        .replace('-', '_')
        .toUpperCase(Locale.ROOT);
  }

  private static String clientKey(final String rest) {
    return rest.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static void set(
      final Map<String, Object> tree,
      final Binding binding,
      final String section,
      final String key,
      final String variable,
      final String value) {
    ConfigTree.put(tree, List.of(section, key), value);
    binding.origin(section + "." + key, variable);
  }
}
