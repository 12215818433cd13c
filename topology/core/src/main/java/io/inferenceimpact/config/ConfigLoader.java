package io.inferenceimpact.config;

import io.inferenceimpact.binding.Binding;
import io.inferenceimpact.binding.ConfigNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Loads the configuration: built-in defaults, under one optional file (YAML, or {@code
 * .properties}), under environment overrides (see {@link EnvOverrides} for the variable → key
 * mapping). The environment is passed in so that tests need no process environment; neither it nor
 * a caller's Properties is ever changed. All problems are collected and reported together.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** The defaults alone. */
  public static ImpactConfig defaults() {
    try {
      return load((Path) null, Map.of());
    } catch (final InvalidConfigException e) {
      throw new IllegalStateException("built-in defaults are invalid: " + e.problems(), e);
    }
  }

  /**
   * @param file YAML or .properties file, or null for none
   * @param env environment variables, e.g. {@code System.getenv()}
   */
  public static ImpactConfig load(final Path file, final Map<String, String> env)
      throws InvalidConfigException {
    final Binding binding = new Binding();
    final Map<String, Object> tree =
        file == null ? new LinkedHashMap<>() : ConfigTree.read(file, binding);
    return bind(tree, env, binding);
  }

  /** Loads from properties already in memory, keyed as a .properties file would be. */
  public static ImpactConfig load(final Properties properties, final Map<String, String> env)
      throws InvalidConfigException {
    return bind(ConfigTree.fromProperties(properties), env, new Binding());
  }

  private static ImpactConfig bind(
      final Map<String, Object> tree, final Map<String, String> env, final Binding binding)
      throws InvalidConfigException {
    EnvOverrides.apply(tree, env, knownKeyPaths(), binding);
    final ImpactConfig config = ImpactConfig.bind(new ConfigNode("", tree, binding));
    final List<String> problems = binding.problems();
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return config;
  }

  /** Every fixed scalar key path, found by binding an empty tree: the binders are the schema. */
  static java.util.Set<String> knownKeyPaths() {
    final Binding discovery = new Binding();
    ImpactConfig.bind(new ConfigNode("", new LinkedHashMap<>(), discovery));
    return discovery.knownPaths();
  }
}
