package io.inferenceimpact.runtime;

import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.metrics.ServiceMetrics;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.progress.InputBacklog;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.inferenceimpact.topology.support.TopologySerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the topology of {@link ImpactTopology} in a {@link KafkaStreams} client,
 * with serdes that share one Schema Registry client, the {@link ThreadFailurePolicy}, and a state
 * listener; with {@code metrics.enabled}, its {@link ServiceMetrics} and their HTTP endpoint.
 * {@code impact run} and {@code impact demo} both use it.
 */
public final class StreamsRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final AdminInputBacklog backlog;
  private final ServiceMetrics metrics;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String credentialProblem;

  private StreamsRuntime(
      final ImpactConfig config,
      final SchemaRegistryClient registry,
      final ServiceMetrics metrics) {
    this.metrics = metrics;
    final Map<String, String> registryConfig = config.schemaRegistry().clientProperties();
    final TopologySerdes serdes = new TopologySerdes(registry, registryConfig);
    final TopologyObserver observer = metrics == null ? TopologyObserver.NONE : metrics.observer();
    final Properties streamsConfig = ImpactTopology.streamsConfig(config);
    final StreamsConfig parsed = new StreamsConfig(streamsConfig);
    this.backlog =
        AdminInputBacklog.start(
            asProperties(parsed.getAdminConfigs("impact-input-backlog")),
            parsed.getString(StreamsConfig.APPLICATION_ID_CONFIG));
    streamsConfig.put(InputBacklog.CONFIG, backlog);
    this.streams = new KafkaStreams(ImpactTopology.build(config, serdes, observer), streamsConfig);
    final ThreadFailurePolicy policy = new ThreadFailurePolicy(3, Duration.ofMinutes(10));
    streams.setUncaughtExceptionHandler(
        e -> {
          final var refused = CredentialFailures.explain(e);
          if (refused.isPresent()) {
            // Wrong or unauthorised credentials do not heal: stop at once instead of retrying.
            credentialProblem = refused.get();
            LOG.error("Stopping: {}", refused.get());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          }
          final var response = policy.onFailure(System.currentTimeMillis());
          LOG.error("Stream thread failed; response: {}", response, e);
          return response;
        });
    streams.setGlobalStateRestoreListener(new RestoreLog());
    streams.setStateListener(
        (now, before) -> {
          LOG.info("Kafka Streams state {} -> {}", before, now);
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
  }

  /**
   * Waits for the Schema Registry ({@link RegistryGate}), then builds and starts the service; it
   * runs on Kafka Streams' own threads. With metrics enabled, the endpoint is listening before
   * Kafka Streams starts.
   *
   * @throws IllegalStateException naming {@code metrics.port} when the metrics port is taken
   * @throws InterruptedException when interrupted while waiting for the registry
   */
  public static StreamsRuntime start(final ImpactConfig config) throws InterruptedException {
    final ServiceMetrics metrics =
        config.metrics().enabled() ? new ServiceMetrics(config.metrics()) : null;
    final StreamsRuntime runtime;
    try {
      if (metrics != null) {
        metrics.listen(); // a taken port fails at once; /health answers while waiting below
      }
      final SchemaRegistryClient registry =
          SchemaRegistryClient.create(config.schemaRegistry().clientProperties());
      RegistryGate.await(registry, config.schemaRegistry().url(), d -> Thread.sleep(d.toMillis()));
      runtime = new StreamsRuntime(config, registry, metrics);
    } catch (final InterruptedException | RuntimeException | Error e) {
      if (metrics != null) {
        metrics.close();
      }
      throw e;
    }
    if (metrics != null) {
      try {
        metrics.start(runtime.streams);
      } catch (final RuntimeException | Error e) {
        runtime.close();
        throw e;
      }
      LOG.info("Metrics at {}", metrics.metricsUrl());
    }
    runtime.streams.start();
    return runtime;
  }

  /** Where Prometheus scrapes this service (the bound port), when metrics are enabled. */
  public Optional<URI> metricsUrl() {
    return Optional.ofNullable(metrics).map(ServiceMetrics::metricsUrl);
  }

  /** The service's meters (what {@code /metrics} shows), when metrics are enabled. */
  public Optional<MeterRegistry> meters() {
    return Optional.ofNullable(metrics).map(ServiceMetrics::registry);
  }

  /** The metrics server's root ({@code /health}, {@code /ready}), when metrics are enabled. */
  public Optional<URI> metricsBaseUrl() {
    return Optional.ofNullable(metrics).map(ServiceMetrics::baseUrl);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** True once the client is RUNNING (all tasks assigned and restored) within the timeout. */
  public boolean awaitRunning(final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || stopped.getCount() == 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return true;
  }

  /** Waits until the client stopped by itself (ERROR, or shut down after repeated failures). */
  public boolean awaitStopped(final Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True when the client stopped because of a failure rather than a requested close. */
  public boolean failed() {
    return streams.state() == KafkaStreams.State.ERROR;
  }

  /** Why the client stopped when Kafka or the registry refused the service's credentials. */
  public Optional<String> credentialProblem() {
    return Optional.ofNullable(credentialProblem);
  }

  @Override
  public void close() {
    try {
      if (!streams.close(CLOSE_TIMEOUT)) {
        LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
      }
    } finally {
      backlog.close();
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  private static Properties asProperties(final Map<String, Object> map) {
    final Properties properties = new Properties();
    properties.putAll(map);
    return properties;
  }
}
