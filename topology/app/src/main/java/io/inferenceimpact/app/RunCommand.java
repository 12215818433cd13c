package io.inferenceimpact.app;

import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.runtime.StreamsRuntime;
import io.inferenceimpact.runtime.TopicAdmin;
import io.inferenceimpact.topology.support.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code impact run}: production mode against an existing Kafka cluster and Schema Registry,
 * configured by file + environment. SIGTERM/Ctrl-C close Kafka Streams cleanly (commit, flush
 * state); a client that stops by itself after repeated thread failures exits 1.
 */
@Command(
    name = "run",
    description = "Run the service against an existing Kafka cluster and Schema Registry.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand ImpactCli root;
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--create-topics",
      description = "Create missing topics first (as `impact topics create`).")
  boolean createTopics;

  @Override
  public Integer call() throws Exception {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final Optional<ImpactConfig> loaded =
        ConfigLoading.load(config.resolve(root.env()), root.env(), err);
    if (loaded.isEmpty()) {
      return ExitCodes.INVALID_CONFIGURATION;
    }
    if (createTopics) {
      try (TopicAdmin admin = TopicAdmin.connect(loaded.get().kafka().properties())) {
        admin.ensure(Topics.from(loaded.get().topics()).all()).differences().forEach(err::println);
      }
    }
    final StreamsRuntime runtime = StreamsRuntime.start(loaded.get());
    final Thread hook = new Thread(runtime::close, "impact-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "impact run: started (application.id " + loaded.get().kafka().applicationId() + ")");
    runtime
        .metricsUrl()
        .ifPresent(url -> out.println("impact run: metrics at " + url + " (also /health, /ready)"));
    out.flush();
    while (!runtime.awaitStopped(Duration.ofSeconds(1))) {
      // Kafka Streams works on its own threads; this one waits for it to stop.
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (final IllegalStateException shuttingDown) {
      return ExitCodes.OK; // a signal stopped us; the hook closes the client
    }
    runtime.close();
    runtime.credentialProblem().ifPresent(problem -> err.println("impact run: " + problem));
    return runtime.failed() ? ExitCodes.RUNTIME_FAILURE : ExitCodes.OK;
  }
}
