package io.inferenceimpact.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code impact alerts}: work with the alerts the service publishes. */
@Command(
    name = "alerts",
    description = "Work with impact alerts.",
    subcommands = {AlertsTailCommand.class, AlertsValidateCommand.class})
final class AlertsCommand extends GroupCommand {
  @ParentCommand ImpactCli root;
}
