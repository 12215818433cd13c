package io.inferenceimpact.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The commands of the product whose options are known but which are not built yet. */
final class PlannedCommands {
  private PlannedCommands() {}

  @Command(
      name = "alerts",
      description = "Work with impact alerts.",
      subcommands = {AlertsTail.class, AlertsValidateCommand.class})
  static final class Alerts extends GroupCommand {}

  @Command(
      name = "tail",
      description = "Print alerts from impact.alerts.v1 as they fire and resolve.")
  static final class AlertsTail extends PlannedCommand {
    @Mixin ConfigOption config;

    @Option(names = "--from-beginning", description = "Start with the alerts already in the topic.")
    boolean fromBeginning;
  }
}
