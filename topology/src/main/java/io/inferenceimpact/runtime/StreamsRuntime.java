package io.inferenceimpact.runtime;

import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.TopologySerdes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the topology of {@link ImpactTopology} in a {@link KafkaStreams} client,
 * with serdes that share one Schema Registry client, the {@link ThreadFailurePolicy}, and a state
 * listener. {@code impact run} and {@code impact demo} both use it.
 */
public final class StreamsRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private StreamsRuntime(final ImpactConfig config, final SchemaRegistryClient registry) {
    final Map<String, String> registryConfig = config.schemaRegistry().clientProperties();
    final TopologySerdes serdes = new TopologySerdes(registry, registryConfig);
    this.streams =
        new KafkaStreams(
            ImpactTopology.build(config, serdes), ImpactTopology.streamsConfig(config));
    final ThreadFailurePolicy policy = new ThreadFailurePolicy(3, Duration.ofMinutes(10));
    streams.setUncaughtExceptionHandler(
        e -> {
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
   * runs on Kafka Streams' own threads.
   *
   * @throws InterruptedException when interrupted while waiting for the registry
   */
  public static StreamsRuntime start(final ImpactConfig config) throws InterruptedException {
    final SchemaRegistryClient registry =
        SchemaRegistryClient.create(config.schemaRegistry().clientProperties());
    RegistryGate.await(registry, config.schemaRegistry().url(), d -> Thread.sleep(d.toMillis()));
    final StreamsRuntime runtime = new StreamsRuntime(config, registry);
    runtime.streams.start();
    return runtime;
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

  @Override
  public void close() {
    if (!streams.close(CLOSE_TIMEOUT)) {
      LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
    }
  }
}
