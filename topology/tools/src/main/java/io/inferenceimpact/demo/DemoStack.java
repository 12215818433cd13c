package io.inferenceimpact.demo;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.InvalidConfigException;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.embedded.LocalSchemaRegistry;
import io.inferenceimpact.runtime.StreamsRuntime;
import io.inferenceimpact.runtime.TopicAdmin;
import io.inferenceimpact.simulate.Fleet;
import io.inferenceimpact.simulate.KafkaSimulationSink;
import io.inferenceimpact.simulate.Scenario;
import io.inferenceimpact.simulate.Simulator;
import io.inferenceimpact.simulate.SimulatorSettings;
import io.inferenceimpact.topology.support.Topics;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The embedded default, as one unit: an in-process Kafka broker and the local Schema Registry on
 * 127.0.0.1, the application's topics, the service configured to use them, and a simulated fleet
 * producing realistic traffic into it (its nodes are added to the fleet configuration, so the
 * service knows their zones). Closing it stops the parts in reverse order; nothing is left running.
 */
public final class DemoStack implements AutoCloseable {
  private static final long SEED = 20_231_116L;

  private final EmbeddedKafkaBroker broker;
  private final LocalSchemaRegistry registry;
  private final ImpactConfig config;
  private final StreamsRuntime service;
  private final KafkaSimulationSink traffic;
  private final Simulator simulator;
  private boolean closed;

  private DemoStack(
      final EmbeddedKafkaBroker broker,
      final LocalSchemaRegistry registry,
      final ImpactConfig config,
      final StreamsRuntime service,
      final KafkaSimulationSink traffic,
      final Simulator simulator) {
    this.broker = broker;
    this.registry = registry;
    this.config = config;
    this.service = service;
    this.traffic = traffic;
    this.simulator = simulator;
  }

  /** Where the broker, the registry and the metrics endpoint listen (0: a free port). */
  public record Ports(int kafka, int registry, int metrics) {}

  /** The simulated fleet: how many nodes and GPUs, what traffic, which scenario. */
  public record Traffic(double ratePerSecond, int nodes, int gpusPerNode, Scenario scenario) {}

  /**
   * Starts everything; on a failure, what was started is stopped again before the error is thrown.
   *
   * @param configFile the user's configuration, or null for the defaults
   * @param env the environment; the demo adds the broker, registry and state settings on top
   */
  public static DemoStack start(
      final Path configFile,
      final Map<String, String> env,
      final Ports ports,
      final Path dataDir,
      final Traffic traffic)
      throws Exception {
    // The registry is a separate JVM: it boots while the broker starts in this one.
    final CompletableFuture<LocalSchemaRegistry> registryStart =
        CompletableFuture.supplyAsync(
            () -> LocalSchemaRegistry.builder().port(ports.registry()).logDir(dataDir).start());
    EmbeddedKafkaBroker broker = null;
    LocalSchemaRegistry registry = null;
    StreamsRuntime service = null;
    KafkaSimulationSink sink = null;
    try {
      broker = EmbeddedKafkaBroker.start(ports.kafka(), dataDir.resolve("kafka"));
      registry = awaitRegistry(registryStart);
      final ImpactConfig config =
          demoConfig(configFile, env, broker, registry, dataDir, ports, traffic);
      try (TopicAdmin admin = TopicAdmin.connect(config.kafka().properties())) {
        admin.ensure(Topics.from(config.topics()).all());
      }
      // Traffic starts while the service joins its group: it catches up on what it missed.
      service = StreamsRuntime.start(config);
      sink =
          new KafkaSimulationSink(
              config.kafka().properties(),
              config.schemaRegistry().clientProperties(),
              config.topics());
      final Simulator simulator = Simulator.start(simulation(traffic), sink);
      if (!service.awaitRunning(Duration.ofSeconds(90))) {
        simulator.close();
        throw new IllegalStateException("the service did not reach RUNNING within 90 s");
      }
      return new DemoStack(broker, registry, config, service, sink, simulator);
    } catch (final Exception | Error e) {
      closeQuietly(sink, e);
      closeQuietly(service, e);
      if (registry == null) {
        registry = registryStart.exceptionally(failure -> null).join();
      }
      closeQuietly(registry, e);
      closeQuietly(broker, e);
      throw e;
    }
  }

  private static LocalSchemaRegistry awaitRegistry(
      final CompletableFuture<LocalSchemaRegistry> start) throws Exception {
    try {
      return start.join();
    } catch (final CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static ImpactConfig demoConfig(
      final Path configFile,
      final Map<String, String> env,
      final EmbeddedKafkaBroker broker,
      final LocalSchemaRegistry registry,
      final Path dataDir,
      final Ports ports,
      final Traffic traffic)
      throws InvalidConfigException {
    final Map<String, String> demoEnv = new HashMap<>(env);
    demoEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    demoEnv.put("SCHEMA_REGISTRY_URL", registry.url());
    demoEnv.put("KAFKA_APPLICATION_ID", "impact-demo");
    demoEnv.put("KAFKA_STATE_DIR", dataDir.resolve("state").toString());
    demoEnv.put("KAFKA_NUM_STANDBY_REPLICAS", "0");
    demoEnv.put("IMPACT_METRICS_PORT", String.valueOf(ports.metrics()));
    // Per-model results must show within a minute of starting: a demo waits 20 s (not 10 min)
    // for late requests and closes 10 s windows 5 s after their end. The simulator's producers
    // are on this machine, so nothing arrives later than that.
    demoEnv.putIfAbsent("IMPACT_ENERGY_GRACE", "20s");
    // Estimated requests wait as long for their zone's grid values: the simulator publishes them
    // as they change, on this machine.
    demoEnv.putIfAbsent("IMPACT_ZONES_INTENSITY_WAIT", "20s");
    demoEnv.putIfAbsent("IMPACT_WINDOWS_SIZE", "10s");
    demoEnv.putIfAbsent("IMPACT_WINDOWS_GRACE", "5s");
    final Fleet fleet = Fleet.build(traffic.nodes(), traffic.gpusPerNode(), SEED);
    final ImpactConfig loaded = ConfigLoader.load(configFile, demoEnv);
    return loaded.withFleet(loaded.fleet().withNodes(nodesOf(fleet, loaded)));
  }

  private static SimulatorSettings simulation(final Traffic traffic) {
    return SimulatorSettings.of(
        traffic.ratePerSecond(),
        traffic.nodes(),
        traffic.gpusPerNode(),
        Duration.ZERO,
        traffic.scenario(),
        SEED,
        1.0,
        Instant.now());
  }

  private static void closeQuietly(final AutoCloseable part, final Throwable failure) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (final Exception e) {
      failure.addSuppressed(e);
    }
  }

  private static Map<String, NodeSettings> nodesOf(final Fleet fleet, final ImpactConfig config) {
    final Map<String, NodeSettings> nodes = new TreeMap<>();
    for (final Fleet.Node node : fleet.nodes()) {
      nodes.put(
          node.name(),
          config
              .fleet()
              .node(node.name())
              .withPlacement(node.zone(), node.gpus().size(), node.gpuType().modelName()));
    }
    return nodes;
  }

  public ImpactConfig config() {
    return config;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  /** Where Prometheus scrapes the service (the bound port); empty when metrics are disabled. */
  public Optional<URI> metricsUrl() {
    return service.metricsUrl();
  }

  /** What the service has produced so far, from its meters (zero when metrics are disabled). */
  public record Progress(long requests, long modelWindows, long alertsFiring, long deadLetters) {}

  public Progress progress() {
    return service
        .meters()
        .map(
            meters ->
                new Progress(
                    sum(meters, "impact.requests"),
                    sum(meters, "impact.model.windows"),
                    sum(meters, "impact.alerts.firing"),
                    sum(meters, "impact.dlq.records")))
        .orElse(new Progress(0, 0, 0, 0));
  }

  private static long sum(final MeterRegistry meters, final String name) {
    double total = 0;
    for (final Meter meter : meters.find(name).meters()) {
      for (final Measurement m : meter.measure()) {
        if (!Double.isNaN(m.getValue())) {
          total += m.getValue();
        }
      }
    }
    return Math.round(total);
  }

  /** True while the service and the simulator run (they stop by themselves only on failures). */
  public boolean healthy() {
    return !service.failed() && simulator.failure() == null;
  }

  public Fleet fleet() {
    return simulator.fleet();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      simulator.close();
      traffic.close();
      service.close();
    } finally {
      try {
        registry.close();
      } finally {
        broker.close();
      }
    }
  }
}
