package io.inferenceimpact.app;

import io.inferenceimpact.config.ConfigPrinter;
import io.inferenceimpact.config.ImpactConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code impact config}: work with configuration files. */
@Command(
    name = "config",
    description = "Check configuration files.",
    subcommands = ConfigCommand.Validate.class)
final class ConfigCommand extends GroupCommand {
  @ParentCommand ImpactCli root;

  /**
   * {@code impact config validate}: load, validate, print the effective configuration with secrets
   * masked.
   */
  @Command(
      name = "validate",
      description =
          "Load and validate a configuration (file + environment); print the effective result,"
              + " secrets masked.")
  static final class Validate implements Callable<Integer> {
    @ParentCommand ConfigCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOption config;

    @Override
    public Integer call() {
      final Path file = config.resolve(parent.root.env());
      final PrintWriter out = spec.commandLine().getOut();
      final PrintWriter err = spec.commandLine().getErr();
      final Optional<ImpactConfig> loaded = ConfigLoading.load(file, parent.root.env(), err);
      if (loaded.isEmpty()) {
        return ExitCodes.INVALID_CONFIGURATION;
      }
      out.println(
          "# configuration is valid: "
              + (file == null ? "built-in defaults" : file)
              + " + environment; secrets masked");
      out.print(ConfigPrinter.toYaml(loaded.get()));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
