package io.inferenceimpact.testing;

import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.embedded.LocalSchemaRegistry;
import io.inferenceimpact.runtime.TopicAdmin;
import io.inferenceimpact.topology.support.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One real broker and one real registry per test JVM, started on first use and stopped when the JVM
 * exits. Starting them costs seconds; integration tests share them and keep apart by using their
 * own topic names and subjects ({@link #unique(String)}).
 */
public final class SharedInfrastructure {

  private static EmbeddedKafkaBroker broker;
  private static LocalSchemaRegistry registry;
  private static long counter;

  private SharedInfrastructure() {}

  public static synchronized EmbeddedKafkaBroker broker() {
    if (broker == null) {
      TestTier.requireIntegration("a Kafka broker");
      broker = EmbeddedKafkaBroker.start();
      final EmbeddedKafkaBroker started = broker;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-broker-shutdown"));
    }
    return broker;
  }

  public static synchronized LocalSchemaRegistry registry() {
    if (registry == null) {
      TestTier.requireIntegration("a Schema Registry");
      registry = LocalSchemaRegistry.start();
      final LocalSchemaRegistry started = registry;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-registry-shutdown"));
    }
    return registry;
  }

  /**
   * Kafka Streams settings for an application under test on the shared broker: exactly-once,
   * commits every 200 ms, its own state folder under target/tmp, input read from the beginning.
   */
  public static Properties streamsProperties(final String applicationId) {
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, "target/tmp/" + applicationId);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put("consumer.auto.offset.reset", "earliest");
    return props;
  }

  /**
   * Creates every topic the application configured by {@code config} reads or writes (inputs,
   * outputs, alerts, DLQ) on the shared broker, as {@code impact topics create} does: the broker
   * creates no topic by itself, and an exactly-once producer writing to a missing topic blocks.
   * Returns once every partition answers ListOffsets, so producing right away is safe.
   */
  public static void createTopics(final ImpactConfig config) {
    createTopics(broker().adminClientProperties(), config);
  }

  /**
   * {@link #createTopics(ImpactConfig)} on another broker, reached with {@code adminProperties}
   * (e.g. {@link EmbeddedKafkaBroker#adminClientProperties()}). Topics that exist are kept; one
   * that differs from the configuration (partitions, cleanup policy) fails the test.
   */
  public static void createTopics(
      final Map<String, String> adminProperties, final ImpactConfig config) {
    try (TopicAdmin admin = TopicAdmin.connect(adminProperties)) {
      final TopicAdmin.Report report = admin.ensure(Topics.from(config.topics()).all());
      if (!report.differences().isEmpty()) {
        throw new IllegalStateException("topics differ: " + report.differences());
      }
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the application's topics", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Sets every topic key of a configuration to a test's own topic, {@code prefix.<kind>} (kinds
   * requests, gpu, grid, nodes, impact, rates, alerts, dlq), with {@code partitions} each, so that
   * tests sharing the broker never read each other's records.
   */
  public static void ownTopics(final Properties file, final String prefix, final int partitions) {
    file.setProperty("topics.partitions", String.valueOf(partitions));
    file.setProperty("topics.inferenceRequests", prefix + ".requests");
    file.setProperty("topics.gpuMetrics", prefix + ".gpu");
    file.setProperty("topics.gridIntensity", prefix + ".grid");
    file.setProperty("topics.fleetNodes", prefix + ".nodes");
    file.setProperty("topics.impactRequests", prefix + ".impact");
    file.setProperty("topics.modelRates", prefix + ".rates");
    file.setProperty("topics.alerts", prefix + ".alerts");
    file.setProperty("topics.dlq", prefix + ".dlq");
  }

  /** A name no other test in this JVM uses: {@code prefix-<n>-<nanos>}. */
  public static synchronized String unique(final String prefix) {
    return prefix + "-" + (++counter) + "-" + Long.toHexString(System.nanoTime());
  }
}
