package io.inferenceimpact.app;

import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code impact} command line: parses the arguments and hands over to a subcommand. The
 * environment is held here (injected) so that commands and tests never read the process's own.
 */
@Command(
    name = "impact",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // so that every subcommand takes --help, as the README says
    versionProvider = VersionProvider.class,
    description = "Real-time energy, carbon and water impact of AI inference, on Kafka Streams.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ReplayCommand.class,
      SimulateCommand.class,
      GridCommand.class,
      DcgmBridgeCommand.class,
      AlertsCommand.class,
      TopicsCommand.class,
      ConfigCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {"  0  ok", "  1  runtime failure", "  2  usage error", "  3  invalid configuration"})
public final class ImpactCli extends GroupCommand {
  private final Map<String, String> env;

  public ImpactCli(final Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Map<String, String> env() {
    return env;
  }

  /** The command line over the given environment, with the documented exit codes. */
  public static CommandLine commandLine(final Map<String, String> env) {
    return new CommandLine(new ImpactCli(env))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> {
              commandLine
                  .getErr()
                  .println("impact " + commandLine.getCommandName() + ": " + Failures.describe(e));
              LoggerFactory.getLogger(ImpactCli.class).debug("Command failed", e);
              return ExitCodes.RUNTIME_FAILURE;
            })
        .setExitCodeExceptionMapper(
            e ->
                e instanceof CommandLine.ParameterException
                    ? ExitCodes.USAGE_ERROR
                    : ExitCodes.RUNTIME_FAILURE);
  }

  public static void main(final String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }
}
