package io.inferenceimpact.app;

import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.runtime.TopicAdmin;
import io.inferenceimpact.topology.support.Topics;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code impact topics}: manage the application's topics. */
@Command(
    name = "topics",
    description = "Manage the application's topics.",
    subcommands = TopicsCommand.Create.class)
final class TopicsCommand extends GroupCommand {
  @ParentCommand ImpactCli root;

  /** {@code impact topics create}: idempotent; reports differences on existing topics. */
  @Command(
      name = "create",
      description =
          "Create the application's topics with their partitions and cleanup policies;"
              + " existing topics are compared and differences reported (exit 1), never changed.")
  static final class Create implements Callable<Integer> {
    @ParentCommand TopicsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOption config;

    @Override
    public Integer call() throws Exception {
      final PrintWriter out = spec.commandLine().getOut();
      final PrintWriter err = spec.commandLine().getErr();
      final Optional<ImpactConfig> loaded =
          ConfigLoading.load(config.resolve(parent.root.env()), parent.root.env(), err);
      if (loaded.isEmpty()) {
        return ExitCodes.INVALID_CONFIGURATION;
      }
      try (TopicAdmin admin = TopicAdmin.connect(loaded.get().kafka().properties())) {
        final TopicAdmin.Report report = admin.ensure(Topics.from(loaded.get().topics()).all());
        report.created().forEach(name -> out.println("created   " + name));
        report.unchanged().forEach(name -> out.println("unchanged " + name));
        report.differences().forEach(difference -> err.println("differs   " + difference));
        out.flush();
        err.flush();
        return report.differences().isEmpty() ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
      }
    }
  }
}
