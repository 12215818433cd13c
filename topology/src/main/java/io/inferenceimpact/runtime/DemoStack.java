package io.inferenceimpact.runtime;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.embedded.LocalSchemaRegistry;
import io.inferenceimpact.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded default, as one unit: an in-process Kafka broker and the local Schema Registry on
 * 127.0.0.1, the application's topics, and the service itself, configured to use them. Closing it
 * stops the parts in reverse order; nothing is left running.
 */
public final class DemoStack implements AutoCloseable {
  private final EmbeddedKafkaBroker broker;
  private final LocalSchemaRegistry registry;
  private final ImpactConfig config;
  private final StreamsRuntime service;
  private boolean closed;

  private DemoStack(
      final EmbeddedKafkaBroker broker,
      final LocalSchemaRegistry registry,
      final ImpactConfig config,
      final StreamsRuntime service) {
    this.broker = broker;
    this.registry = registry;
    this.config = config;
    this.service = service;
  }

  /**
   * Starts everything; on a failure, what was started is stopped again before the error is thrown.
   *
   * @param configFile the user's configuration, or null for the defaults
   * @param env the environment; the demo adds the broker, registry and state settings on top
   */
  public static DemoStack start(
      final Path configFile,
      final Map<String, String> env,
      final int kafkaPort,
      final int registryPort,
      final Path dataDir)
      throws Exception {
    final EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(kafkaPort, dataDir.resolve("kafka"));
    LocalSchemaRegistry registry = null;
    try {
      registry = LocalSchemaRegistry.builder().port(registryPort).logDir(dataDir).start();
      final Map<String, String> demoEnv = new HashMap<>(env);
      demoEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      demoEnv.put("SCHEMA_REGISTRY_URL", registry.url());
      demoEnv.put("KAFKA_APPLICATION_ID", "impact-demo");
      demoEnv.put("KAFKA_STATE_DIR", dataDir.resolve("state").toString());
      demoEnv.put("KAFKA_NUM_STANDBY_REPLICAS", "0");
      final ImpactConfig config = ConfigLoader.load(configFile, demoEnv);
      try (TopicAdmin admin = TopicAdmin.connect(config.kafka().properties())) {
        admin.ensure(Topics.from(config.topics()).all());
      }
      final StreamsRuntime service = StreamsRuntime.start(config);
      if (!service.awaitRunning(Duration.ofSeconds(90))) {
        service.close();
        throw new IllegalStateException("the service did not reach RUNNING within 90 s");
      }
      return new DemoStack(broker, registry, config, service);
    } catch (final Exception | Error e) {
      if (registry != null) {
        registry.close();
      }
      broker.close();
      throw e;
    }
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

  /** True while the service runs (it stops by itself only after repeated failures). */
  public boolean serviceAlive() {
    return !service.failed();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
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
