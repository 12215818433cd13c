package io.inferenceimpact.runtime;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.embedded.LocalSchemaRegistry;
import io.inferenceimpact.simulate.Fleet;
import io.inferenceimpact.simulate.KafkaSimulationSink;
import io.inferenceimpact.simulate.Scenario;
import io.inferenceimpact.simulate.Simulator;
import io.inferenceimpact.simulate.SimulatorSettings;
import io.inferenceimpact.topology.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    final EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(ports.kafka(), dataDir.resolve("kafka"));
    LocalSchemaRegistry registry = null;
    try {
      registry = LocalSchemaRegistry.builder().port(ports.registry()).logDir(dataDir).start();
      final Map<String, String> demoEnv = new HashMap<>(env);
      demoEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      demoEnv.put("SCHEMA_REGISTRY_URL", registry.url());
      demoEnv.put("KAFKA_APPLICATION_ID", "impact-demo");
      demoEnv.put("KAFKA_STATE_DIR", dataDir.resolve("state").toString());
      demoEnv.put("KAFKA_NUM_STANDBY_REPLICAS", "0");
      demoEnv.put("IMPACT_METRICS_PORT", String.valueOf(ports.metrics()));
      // Results must show within a minute: a demo waits 45 s (not 10 min) for late requests.
      demoEnv.putIfAbsent("IMPACT_ENERGY_GRACE", "45s");
      demoEnv.putIfAbsent("IMPACT_WINDOWS_GRACE", "15s");
      final SimulatorSettings simulation =
          SimulatorSettings.of(
              traffic.ratePerSecond(),
              traffic.nodes(),
              traffic.gpusPerNode(),
              Duration.ZERO,
              traffic.scenario(),
              SEED,
              1.0,
              Instant.now());
      final Fleet fleet = Fleet.build(traffic.nodes(), traffic.gpusPerNode(), SEED);
      final ImpactConfig loaded = ConfigLoader.load(configFile, demoEnv);
      final ImpactConfig config =
          loaded.withFleet(loaded.fleet().withNodes(nodesOf(fleet, loaded)));
      try (TopicAdmin admin = TopicAdmin.connect(config.kafka().properties())) {
        admin.ensure(Topics.from(config.topics()).all());
      }
      final StreamsRuntime service = StreamsRuntime.start(config);
      if (!service.awaitRunning(Duration.ofSeconds(90))) {
        service.close();
        throw new IllegalStateException("the service did not reach RUNNING within 90 s");
      }
      final KafkaSimulationSink sink =
          new KafkaSimulationSink(
              config.kafka().properties(),
              config.schemaRegistry().clientProperties(),
              config.topics());
      return new DemoStack(
          broker, registry, config, service, sink, Simulator.start(simulation, sink));
    } catch (final Exception | Error e) {
      if (registry != null) {
        registry.close();
      }
      broker.close();
      throw e;
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
