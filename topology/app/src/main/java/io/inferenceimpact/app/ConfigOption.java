package io.inferenceimpact.app;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by the commands that load a configuration. */
final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Configuration file (YAML or .properties); default: $IMPACT_CONFIG, else built-in"
              + " defaults.")
  Path file;

  /** The file named by the option, else by IMPACT_CONFIG, else null. */
  Path resolve(final Map<String, String> env) {
    if (file != null) {
      return file;
    }
    final String fromEnv = env.get("IMPACT_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }
}
