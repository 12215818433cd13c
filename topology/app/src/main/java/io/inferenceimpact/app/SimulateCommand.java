package io.inferenceimpact.app;

import io.inferenceimpact.binding.Durations;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.InvalidConfigException;
import io.inferenceimpact.simulate.KafkaSimulationSink;
import io.inferenceimpact.simulate.Scenario;
import io.inferenceimpact.simulate.Simulator;
import io.inferenceimpact.simulate.SimulatorSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
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
 * {@code impact simulate}: produces a simulated fleet's requests, GPU samples and grid intensity
 * into an existing cluster until the duration is simulated or Ctrl-C.
 */
@Command(
    name = "simulate",
    description = {
      "Produce realistic inference requests, GPU telemetry and grid intensity into an existing"
          + " cluster (arrivals and token counts from the real Azure LLM inference trace).",
      "Runs until --duration is simulated, or until Ctrl-C at real-time speed."
    })
final class SimulateCommand implements Callable<Integer> {
  @ParentCommand ImpactCli root;
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (over config).")
  String bootstrapServers;

  @Option(names = "--registry-url", description = "Schema Registry URL (over config).")
  String registryUrl;

  @Option(
      names = "--rate",
      defaultValue = "20",
      description = "Requests per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--nodes",
      defaultValue = "4",
      description = "Servers (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--gpus-per-node",
      defaultValue = "4",
      description = "GPUs per server (default: ${DEFAULT-VALUE}).")
  int gpusPerNode;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "Simulated time to run, e.g. 10m; default: until Ctrl-C (real time only).")
  String duration;

  @Option(
      names = "--scenario",
      defaultValue = "normal",
      description = "normal or alerts (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description =
          "Simulated seconds per second, or 'max' for as fast as possible (then the run ends now,"
              + " starting --duration ago) (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(
      names = "--no-grid",
      description = "Do not publish grid intensity (another connector does).")
  boolean noGrid;

  @Override
  public Integer call() throws Exception {
    final PrintWriter out = spec.commandLine().getOut();
    final SimulatorSettings settings = settings();
    final ImpactConfig loaded;
    try {
      loaded = ConfigLoader.load(config.resolve(root.env()), root.env());
    } catch (final InvalidConfigException e) {
      e.problems().forEach(p -> spec.commandLine().getErr().println("invalid configuration: " + p));
      return ExitCodes.INVALID_CONFIGURATION;
    }
    final Map<String, String> kafka = new TreeMap<>(loaded.kafka().properties());
    if (bootstrapServers != null) {
      kafka.put("bootstrap.servers", bootstrapServers);
    }
    final Map<String, String> registry = loaded.schemaRegistry().clientProperties();
    if (registryUrl != null) {
      registry.put("schema.registry.url", registryUrl);
    }
    // Ctrl-C: the hook stops the simulation, then waits (bounded) until the sink has flushed.
    final CountDownLatch flushed = new CountDownLatch(1);
    try (KafkaSimulationSink sink = new KafkaSimulationSink(kafka, registry, loaded.topics());
        Simulator simulator = Simulator.start(settings, sink)) {
      final Thread stop =
          new Thread(
              () -> {
                simulator.close();
                awaitQuietly(flushed);
              },
              "impact-simulate-shutdown");
      Runtime.getRuntime().addShutdownHook(stop);
      out.printf(
          "simulating %d nodes x %d GPUs in %s at %.1f requests/s, scenario %s, to %s%n",
          nodes,
          gpusPerNode,
          simulator.fleet().zones(),
          rate,
          scenario,
          kafka.get("bootstrap.servers"));
      out.flush();
      simulator.awaitFinished(Duration.ofDays(365_000));
      sink.flush();
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (final IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running
      }
      if (simulator.failure() != null) {
        spec.commandLine()
            .getErr()
            .println("simulation failed: " + simulator.failure().getMessage());
        return ExitCodes.RUNTIME_FAILURE;
      }
    } finally {
      flushed.countDown();
    }
    return ExitCodes.OK;
  }

  private static void awaitQuietly(final CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private SimulatorSettings settings() {
    final Duration length =
        duration == null
            ? Duration.ZERO
            : Durations.parse(duration)
                .orElseThrow(
                    () -> usage("--duration: not a duration: '" + duration + "' (e.g. 10m)"));
    final double simSpeed;
    try {
      simSpeed = "max".equals(speed) ? 0.0 : Double.parseDouble(speed);
    } catch (final NumberFormatException e) {
      throw usage("--speed: a number or 'max', was '" + speed + "'");
    }
    try {
      return SimulatorSettings.of(
              rate,
              nodes,
              gpusPerNode,
              length,
              Scenario.named(scenario),
              seed,
              simSpeed,
              Instant.now())
          .withPublishGrid(!noGrid);
    } catch (final IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(final String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
