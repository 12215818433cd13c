package io.inferenceimpact.app;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.InvalidConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Loads the configuration for a command; on problems prints every one of them, naming its key. */
final class ConfigLoading {
  private ConfigLoading() {}

  /** The configuration {@code --config} (or its environment default) names, as {@link #load}. */
  static Optional<ImpactConfig> load(
      final ConfigOption option, final Map<String, String> env, final PrintWriter err) {
    return load(option.resolve(env), env, err);
  }

  /** The loaded configuration, or empty after printing the problems to {@code err}. */
  static Optional<ImpactConfig> load(
      final Path file, final Map<String, String> env, final PrintWriter err) {
    try {
      return Optional.of(ConfigLoader.load(file, env));
    } catch (final InvalidConfigException e) {
      err.println(
          "invalid configuration"
              + (file == null ? "" : " in " + file)
              + " ("
              + e.problems().size()
              + (e.problems().size() == 1 ? " problem):" : " problems):"));
      e.problems().forEach(p -> err.println("  " + p));
      err.flush();
      return Optional.empty();
    }
  }
}
