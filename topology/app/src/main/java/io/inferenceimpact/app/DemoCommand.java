package io.inferenceimpact.app;

import io.inferenceimpact.binding.Durations;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.demo.DemoStack;
import io.inferenceimpact.embedded.TempDirs;
import io.inferenceimpact.simulate.Scenario;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code impact demo}: the embedded default. Starts an in-process Kafka broker and the local Schema
 * Registry on 127.0.0.1, creates the topics, runs the service against them, prints where to look,
 * and runs until Ctrl-C or {@code --duration}; then stops everything it started.
 */
@Command(
    name = "demo",
    description =
        "Run everything in-process on 127.0.0.1: Kafka broker, Schema Registry and the service.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand ImpactCli root;
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  private static final long PROGRESS_EVERY_SECONDS = 15;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Port of the in-process Kafka broker (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Port of the local Schema Registry (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--metrics-port",
      defaultValue = "9464",
      description =
          "Port of the Prometheus metrics endpoint, /health and /ready; 0 picks a free one"
              + " (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "Stop after this long (e.g. 90s, 10m); default: until Ctrl-C.")
  String duration;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Keep broker, registry and state data here; default: a temporary folder.")
  Path dataDir;

  @Option(
      names = "--rate",
      defaultValue = "5",
      description = "Simulated requests per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--nodes",
      defaultValue = "4",
      description = "Simulated inference servers (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--gpus-per-node",
      defaultValue = "4",
      description = "GPUs per simulated server (default: ${DEFAULT-VALUE}).")
  int gpusPerNode;

  @Option(
      names = "--scenario",
      defaultValue = "alerts",
      description =
          "normal, or alerts: a traffic surge, a telemetry gap, a dirty-grid hour and an"
              + " efficiency regression (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Override
  public Integer call() throws Exception {
    final Duration runFor = parseDuration();
    final Scenario chosen = parseScenario();
    final PrintWriter out = spec.commandLine().getOut();
    final Path configFile = config.resolve(root.env());
    if (ConfigLoading.load(configFile, root.env(), spec.commandLine().getErr()).isEmpty()) {
      return ExitCodes.INVALID_CONFIGURATION;
    }
    final boolean temporary = dataDir == null;
    final Path dir = temporary ? Files.createTempDirectory("impact-demo-") : dataDir;
    out.println("impact demo: starting Kafka, the Schema Registry and the service ...");
    out.flush();
    final long startNanos = System.nanoTime();
    final DemoStack stack =
        DemoStack.start(
            configFile,
            root.env(),
            new DemoStack.Ports(kafkaPort, registryPort, metricsPort),
            dir,
            new DemoStack.Traffic(rate, nodes, gpusPerNode, chosen));
    final CountDownLatch stop = new CountDownLatch(1);
    final Thread hook =
        new Thread(
            () -> {
              stack.close();
              stop.countDown();
            },
            "impact-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf(
        "impact demo: running after %.1f s; per-model results follow within about %s%n",
        (System.nanoTime() - startNanos) / 1e9,
        Durations.format(firstResultsWithin(stack.config())));
    printWhereToLook(out, stack);
    final long untilNanos = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
    final boolean interrupted = watch(out, stack, stop, startNanos, untilNanos);
    if (interrupted) {
      return ExitCodes.OK; // Ctrl-C: the hook stopped everything
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    final boolean healthy = stack.healthy();
    stack.close();
    if (temporary) {
      TempDirs.deleteRecursively(dir);
    }
    out.println("impact demo: stopped after " + Durations.format(runFor));
    out.flush();
    return healthy ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
  }

  /**
   * Traffic has started: the first window closes once every stage has passed its end by its grace —
   * the window's size and grace, the longer of the energy grace and the intensity wait, one slot —
   * plus a few seconds for the progress marks to cross the stages.
   */
  private static Duration firstResultsWithin(final ImpactConfig config) {
    final Duration grace = config.energy().grace();
    final Duration wait = config.zones().intensityWait();
    return config
        .windows()
        .size()
        .plus(config.windows().grace())
        .plus(grace.compareTo(wait) >= 0 ? grace : wait)
        .plus(config.energy().slotSize())
        .plus(Duration.ofSeconds(10));
  }

  private Duration parseDuration() {
    if (duration == null) {
      return null;
    }
    return Durations.parse(duration)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "--duration: '" + duration + "' is not a duration (e.g. 90s, 10m, PT1H)"));
  }

  private Scenario parseScenario() {
    try {
      return Scenario.named(scenario);
    } catch (final IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
    }
  }

  /**
   * Waits until Ctrl-C (true) or the end of the run (false), printing what the service produced
   * every {@value #PROGRESS_EVERY_SECONDS} s, and once how long the first per-model result took.
   */
  private static boolean watch(
      final PrintWriter out,
      final DemoStack stack,
      final CountDownLatch stop,
      final long startNanos,
      final long untilNanos)
      throws InterruptedException {
    boolean firstWindowSeen = false;
    long nextReportNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROGRESS_EVERY_SECONDS);
    while (true) {
      final long now = System.nanoTime();
      if (now - untilNanos >= 0) {
        return false;
      }
      final long waitNanos = Math.min(TimeUnit.SECONDS.toNanos(1), untilNanos - now);
      if (stop.await(waitNanos, TimeUnit.NANOSECONDS)) {
        return true;
      }
      final DemoStack.Progress progress = stack.progress();
      if (!firstWindowSeen && progress.modelWindows() > 0) {
        firstWindowSeen = true;
        out.printf(
            "impact demo: first per-model results on %s after %.1f s%n",
            stack.config().topics().modelRates(), (System.nanoTime() - startNanos) / 1e9);
        out.flush();
      }
      if (System.nanoTime() - nextReportNanos >= 0) {
        nextReportNanos += TimeUnit.SECONDS.toNanos(PROGRESS_EVERY_SECONDS);
        out.printf(
            "impact demo: %d requests accounted, %d model windows, %d alerts firing,"
                + " %d dead letters%n",
            progress.requests(),
            progress.modelWindows(),
            progress.alertsFiring(),
            progress.deadLetters());
        out.flush();
      }
    }
  }

  private static void printWhereToLook(final PrintWriter out, final DemoStack stack) {
    final var topics = stack.config().topics();
    out.println();
    out.println("  Kafka bootstrap   " + stack.bootstrapServers());
    out.println("  Schema Registry   " + stack.registryUrl());
    out.println(
        "  Prometheus        "
            + stack
                .metricsUrl()
                .map(url -> url + "   (also /health, /ready)")
                .orElse("off (metrics.enabled: false)"));
    out.println("  inputs            " + topics.inferenceRequests() + ", " + topics.gpuMetrics());
    out.println("  results           " + topics.impactRequests() + ", " + topics.modelRates());
    out.println("  alerts            " + topics.alerts() + "   dead letters " + topics.dlq());
    out.println(
        "  tail the alerts   KAFKA_BOOTSTRAP_SERVERS="
            + stack.bootstrapServers()
            + " SCHEMA_REGISTRY_URL="
            + stack.registryUrl()
            + " ./impact alerts tail");
    out.println();
    out.println(
        "  simulated fleet   "
            + stack.fleet().nodes().size()
            + " nodes in "
            + String.join(", ", stack.fleet().zones()));
    out.println();
    out.println(
        "  Your own producers can write InferenceRequest / GpuSample records (Avro, Confluent");
    out.println("  wire format) to the inputs too; see clients/ and README.md. Ctrl-C stops.");
    out.flush();
  }
}
