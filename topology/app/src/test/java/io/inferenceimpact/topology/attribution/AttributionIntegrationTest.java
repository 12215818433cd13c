package io.inferenceimpact.topology.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.JsonSerde;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * The wired attribution on the real broker and registry with exactly_once_v2: the same per-model
 * energy totals as on TopologyTestDriver, and final results appear after traffic stops (wall-clock
 * punctuators), within a bounded time (KafkaTestClients.consume polls until the expected records
 * arrived or its limit passed). Grace and gap are short so that the test stays under a minute.
 */
class AttributionIntegrationTest {
  private static final int PARTITIONS = 2;

  /** Two GPUs, three requests (one on both GPUs); times in ms after a slot boundary. */
  private static void scenario(final Scenario out) {
    for (long t = 0; t <= 20_000; t += 1_000) {
      out.sample("GPU-A", t, 300.0);
      out.sample("GPU-B", t, 200.0);
    }
    out.request("r1", "m1", 2_000, 8_000, "GPU-A");
    out.request("r2", "m2", 5_000, 15_000, "GPU-A", "GPU-B");
    out.request("r3", "m1", 10_000, 12_000, "GPU-B");
  }

  interface Scenario {
    void sample(String gpu, long atMillis, double watts);

    void request(String id, String model, long start, long end, String... gpus);
  }

  @Test
  void shouldGiveTheSamePerModelTotalsAsTheTestDriver() throws Exception {
    final Map<String, Double> expected = new TreeMap<>();
    final int[] idleRecords = {0};
    try (AttributionDriver driver = new AttributionDriver("attribution-integration-ttd")) {
      scenario(
          new Scenario() {
            public void sample(final String gpu, final long at, final double watts) {
              driver.sample(gpu, at, watts, null);
            }

            public void request(
                final String id,
                final String model,
                final long s,
                final long e,
                final String... g) {
              driver.request(id, model, s, e, g);
            }
          });
      driver.finishAll();
      driver
          .impacts()
          .forEach(i -> expected.merge(i.getModel(), i.getGpuEnergyJoules(), Double::sum));
      final List<IdleEnergy> idle = driver.idle();
      idleRecords[0] = idle.size();
      idle.forEach(i -> expected.merge("idle:" + i.model(), i.gpuJoules(), Double::sum));
    }

    final String id = SharedInfrastructure.unique("attribution");
    final Properties file = new Properties();
    SharedInfrastructure.ownTopics(file, id, PARTITIONS);
    file.setProperty("energy.maxSampleGap", "2s");
    // Grace > the scenario's length: no slot is final on stream time alone, so it does not matter
    // which repartition topic the task happens to read first; finality comes from the wall clock.
    file.setProperty("energy.grace", "16s");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    file.setProperty("zones.intensityWait", "16s");
    final ImpactConfig config = ConfigLoader.load(file, Map.of());
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    SharedInfrastructure.createTopics(config);
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(
                Map.of("schema.registry.url", SharedInfrastructure.registry().url())),
            Map.of());
    final String idleTopic = id + ".idle";
    SharedInfrastructure.broker().createTopic(idleTopic, PARTITIONS);
    final StreamsBuilder builder = new StreamsBuilder();
    ImpactTopology.buildOn(builder, config, serdes)
        .attribution()
        .idleEnergy()
        .to(idleTopic, Produced.with(Serdes.String(), new JsonSerde<>(IdleEnergy.class)));

    final long base = (System.currentTimeMillis() - 60_000) / 5_000 * 5_000;
    final Map<String, GpuSample> samples = new LinkedHashMap<>();
    final Map<String, InferenceRequest> requests = new LinkedHashMap<>();
    scenario(
        new Scenario() {
          public void sample(final String gpu, final long at, final double watts) {
            samples.put(
                gpu + "@" + at,
                GpuSample.newBuilder()
                    .setNode("node-1")
                    .setGpuUuid(gpu)
                    .setTime(Instant.ofEpochMilli(base + at))
                    .setPowerWatts(watts)
                    .build());
          }

          public void request(
              final String rid, final String model, final long s, final long e, final String... g) {
            final InferenceRequest r = AttributionDriver.requestOf(rid, model, s, e, g);
            r.setStartTime(Instant.ofEpochMilli(base + s));
            r.setEndTime(Instant.ofEpochMilli(base + e));
            requests.put(rid, r);
          }
        });
    // Keyed by GPU UUID, as exporters do: one GPU's samples stay in order on one partition.
    final Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(
            producerProps,
            Serdes.String().serializer(),
            serdes.avro(GpuSample.class).serializer())) {
      for (final GpuSample sample : samples.values()) {
        producer.send(new ProducerRecord<>(id + ".gpu", sample.getGpuUuid(), sample));
      }
      producer.flush();
    }
    KafkaTestClients.produce(
        bootstrap,
        id + ".requests",
        Serdes.String().serializer(),
        serdes.avro(InferenceRequest.class).serializer(),
        requests);

    final Properties props = SharedInfrastructure.streamsProperties(id);
    final long started = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.start();
      final var impacts =
          KafkaTestClients.consume(
              bootstrap,
              id + ".impact",
              Serdes.String().deserializer(),
              serdes.avro(RequestImpact.class).deserializer(),
              requests.size(),
              Duration.ofSeconds(50));
      final Map<String, Double> actual = new TreeMap<>();
      impacts.forEach(
          r -> actual.merge(r.value().getModel(), r.value().getGpuEnergyJoules(), Double::sum));
      assertThat(impacts).extracting(r -> r.key()).containsExactlyInAnyOrder("r1", "r2", "r3");
      KafkaTestClients.consume(
              bootstrap,
              idleTopic,
              Serdes.String().deserializer(),
              new JsonSerde<>(IdleEnergy.class).deserializer(),
              idleRecords[0],
              Duration.ofSeconds(20))
          .forEach(
              r -> actual.merge("idle:" + r.value().model(), r.value().gpuJoules(), Double::sum));
      assertThat(actual.keySet()).isEqualTo(expected.keySet());
      expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isCloseTo(v, within(1e-6)));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
  }
}
