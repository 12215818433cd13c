package io.inferenceimpact.topology.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.testing.TwoGpuNode;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;

/**
 * The windows on the real broker and registry with exactly_once_v2: traffic is produced once and
 * then stops; each request's window still gets its one final record, within {@code windows.size +
 * windows.grace + energy.slotSize + 5 s} of wall clock after the last request impact was visible
 * (the bound of the package doc: a second per repartition for the progress marks and the commit
 * interval). 5 s windows, 10 s grace, 5 s slots, attribution grace 16 s so that finality comes from
 * the wall clock.
 */
class ModelWindowsIntegrationTest {
  private static final int PARTITIONS = 2;
  private static final Duration SIZE = Duration.ofSeconds(5);
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final Duration SLOT = Duration.ofSeconds(5);
  private static final Duration BOUND = SIZE.plus(GRACE).plus(SLOT).plusSeconds(5);

  @Test
  void shouldEmitTheLastWindowWithinTheBoundAfterTrafficStops() throws Exception {
    final String id = SharedInfrastructure.unique("windows");
    final Properties file = new Properties();
    SharedInfrastructure.ownTopics(file, id, PARTITIONS);
    file.setProperty("energy.maxSampleGap", "2s");
    file.setProperty("energy.grace", "16s");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    file.setProperty("zones.intensityWait", "16s");
    file.setProperty("windows.size", "5s");
    file.setProperty("windows.grace", "10s");
    final ImpactConfig config = ConfigLoader.load(file, Map.of());
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    SharedInfrastructure.createTopics(config);
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(
                Map.of("schema.registry.url", SharedInfrastructure.registry().url())),
            Map.of());
    final StreamsBuilder builder = new StreamsBuilder();
    ImpactTopology.buildOn(builder, config, serdes);

    final long base = (System.currentTimeMillis() - 60_000) / 5_000 * 5_000;
    final List<Map.Entry<String, GpuSample>> samples = TwoGpuNode.samples(base);
    final Map<String, InferenceRequest> requests = TwoGpuNode.requests(base, null);
    final Set<String> expectedKeys =
        Set.of(key("m1", base + 5_000), key("m1", base + 10_000), key("m2", base + 15_000));
    KafkaTestClients.produce(
        bootstrap,
        id + ".gpu",
        Serdes.String().serializer(),
        serdes.avro(GpuSample.class).serializer(),
        samples);
    KafkaTestClients.produce(
        bootstrap,
        id + ".requests",
        Serdes.String().serializer(),
        serdes.avro(InferenceRequest.class).serializer(),
        requests);

    final Properties props = SharedInfrastructure.streamsProperties(id);
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      final List<ConsumerRecord<String, RequestImpact>> impacts =
          KafkaTestClients.consume(
              bootstrap,
              id + ".impact",
              Serdes.String().deserializer(),
              serdes.avro(RequestImpact.class).deserializer(),
              requests.size(),
              Duration.ofSeconds(60));
      final long impactsSeen = System.nanoTime();

      final Map<String, ModelImpactWindow> finals = new HashMap<>();
      final List<String> keys = new ArrayList<>();
      final Properties consumerProps = new Properties();
      consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      long lastArrived = 0;
      try (var consumer =
          new KafkaConsumer<>(
              consumerProps,
              Serdes.String().deserializer(),
              serdes.avro(ModelImpactWindow.class).deserializer())) {
        final List<TopicPartition> partitions = new ArrayList<>();
        consumer
            .partitionsFor(id + ".rates")
            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        final long deadline = impactsSeen + BOUND.plusSeconds(10).toNanos();
        while (!finals.keySet().containsAll(expectedKeys) && System.nanoTime() < deadline) {
          for (final var record : consumer.poll(Duration.ofMillis(100))) {
            keys.add(record.key());
            finals.put(record.key(), record.value());
            lastArrived = System.nanoTime();
          }
        }
        // Anything else already committed: a second final record would show up here.
        consumer.poll(Duration.ofSeconds(1)).forEach(r -> keys.add(r.key()));
      }

      assertThat(finals).containsKeys(expectedKeys.toArray(String[]::new));
      assertThat(Duration.ofNanos(lastArrived - impactsSeen)).isLessThanOrEqualTo(BOUND);
      assertThat(keys).doesNotHaveDuplicates();
      assertThat(finals.get(key("m2", base + 15_000)).getRequests()).isEqualTo(1);
      final double impactGpuJoules =
          impacts.stream().mapToDouble(r -> r.value().getGpuEnergyJoules()).sum();
      assertThat(finals.values().stream().mapToDouble(ModelImpactWindow::getGpuEnergyJoules).sum())
          .isCloseTo(impactGpuJoules, within(1e-6));
      assertThat(finals.values().stream().mapToLong(ModelImpactWindow::getRequests).sum())
          .isEqualTo(3);
    }
  }

  private static String key(final String model, final long startMillis) {
    return model + "|WORLD|" + Instant.ofEpochMilli(startMillis);
  }
}
