package io.inferenceimpact.topology.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The as-of grid join on the real broker and registry with exactly_once_v2: two requests of zone DE
 * are attributed after three intensity values were published; each gets the value valid at its end
 * time, not the latest (nor the first). Grace and gap are short so that results appear within
 * seconds of wall clock (KafkaTestClients.consume polls until they arrived or its limit passed).
 */
class GridJoinIntegrationTest {
  private static final int PARTITIONS = 2;

  @Test
  void shouldJoinEachRequestWithTheIntensityValidAtItsEndTime() throws Exception {
    final String id = SharedInfrastructure.unique("grid-join");
    final Properties file = new Properties();
    SharedInfrastructure.ownTopics(file, id, PARTITIONS);
    file.setProperty("energy.maxSampleGap", "2s");
    // Grace > the scenario's 30 s: no slot is final on stream time alone, so it does not matter
    // whether the task reads the samples before the requests; finality comes from the wall clock.
    file.setProperty("energy.grace", "35s");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    file.setProperty("zones.intensityWait", "35s");
    final ImpactConfig config = ConfigLoader.load(file, Map.of());
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    SharedInfrastructure.createTopics(config);
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(
                Map.of("schema.registry.url", SharedInfrastructure.registry().url())),
            Map.of());

    final long base = (System.currentTimeMillis() - 60_000) / 5_000 * 5_000;
    // Published first, as a connector would have done before the energy is final.
    for (final GridIntensity value :
        List.of(de(base - 1_800_000, 100.0), de(base + 20_000, 300.0), de(base + 40_000, 900.0))) {
      KafkaTestClients.produce(
          bootstrap,
          id + ".grid",
          Serdes.String().serializer(),
          serdes.avro(GridIntensity.class).serializer(),
          Map.of("DE", value));
    }
    // Keyed by GPU UUID, as exporters produce them: one GPU's samples stay in order.
    final List<Map.Entry<String, GpuSample>> samples = new ArrayList<>();
    for (long t = 0; t <= 30_000; t += 1_000) {
      samples.add(
          Map.entry(
              "GPU-A",
              GpuSample.newBuilder()
                  .setNode("node-1")
                  .setGpuUuid("GPU-A")
                  .setTime(Instant.ofEpochMilli(base + t))
                  .setPowerWatts(300.0)
                  .build()));
    }
    KafkaTestClients.produce(
        bootstrap,
        id + ".gpu",
        Serdes.String().serializer(),
        serdes.avro(GpuSample.class).serializer(),
        samples);
    final Map<String, InferenceRequest> requests = new LinkedHashMap<>();
    requests.put("early", request("early", base + 5_000, base + 10_000));
    requests.put("later", request("later", base + 20_000, base + 25_000));
    KafkaTestClients.produce(
        bootstrap,
        id + ".requests",
        Serdes.String().serializer(),
        serdes.avro(InferenceRequest.class).serializer(),
        requests);

    final Properties props = SharedInfrastructure.streamsProperties(id);
    final long started = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(ImpactTopology.build(config, serdes), props)) {
      streams.start();
      final Map<String, RequestImpact> impacts = new TreeMap<>();
      KafkaTestClients.consume(
              bootstrap,
              id + ".impact",
              Serdes.String().deserializer(),
              serdes.avro(RequestImpact.class).deserializer(),
              requests.size(),
              Duration.ofSeconds(80))
          .forEach(r -> impacts.put(r.key(), r.value()));

      assertThat(impacts).containsOnlyKeys("early", "later");
      final RequestImpact early = impacts.get("early");
      assertThat(early.getIntensityGPerKwh()).isEqualTo(100.0);
      assertThat(early.getIntensityValidFrom()).isEqualTo(Instant.ofEpochMilli(base - 1_800_000));
      assertThat(early.getOperationalEmissionsGrams())
          .isCloseTo(early.getFacilityEnergyJoules() / 3.6e6 * 100.0, within(1e-12));
      final RequestImpact later = impacts.get("later");
      assertThat(later.getIntensityGPerKwh()).isEqualTo(300.0);
      assertThat(later.getIntensitySource()).isEqualTo("electricitymaps");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(100));
  }

  private static GridIntensity de(final long validFromMillis, final double gramsPerKwh) {
    return GridIntensity.newBuilder()
        .setZone("DE")
        .setValidFrom(Instant.ofEpochMilli(validFromMillis))
        .setIntensityGPerKwh(gramsPerKwh)
        .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
        .setEstimated(false)
        .setSource("electricitymaps")
        .build();
  }

  private static InferenceRequest request(final String id, final long start, final long end) {
    return InferenceRequest.newBuilder()
        .setRequestId(id)
        .setModel("llama")
        .setNode("node-1")
        .setZone("DE")
        .setGpuUuids(List.of("GPU-A"))
        .setStartTime(Instant.ofEpochMilli(start))
        .setEndTime(Instant.ofEpochMilli(end))
        .setInputTokens(100)
        .setOutputTokens(200)
        .build();
  }
}
