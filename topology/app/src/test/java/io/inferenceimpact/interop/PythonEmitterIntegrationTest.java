package io.inferenceimpact.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.schemas.producer.ImpactProducer;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.ExternalProcess;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The Python emitter (clients/python/impact_emitter.py, on Confluent's Python client) feeding the
 * whole topology on the real broker and registry: GPU samples from the Java helper, requests from
 * Python with OpenAI-style usage blocks, and per-request impacts come out for exactly those
 * requests, measured on the GPU they ran on, with the tokens of their usage blocks.
 */
class PythonEmitterIntegrationTest {
  private static final double WATTS = 300.0;

  /** A request as the emitter's stdin takes it: times in ms after the scenario's base. */
  private record Sent(String id, long startMs, long endMs, int promptTokens, int completionTokens) {
    String json(final long base) {
      return String.format(
          Locale.ROOT,
          "{\"request_id\": \"%s\", \"model\": \"qwen2.5-0.5b\", \"usage\": {\"prompt_tokens\": %d,"
              + " \"completion_tokens\": %d, \"total_tokens\": %d}, \"start\": %.3f, \"end\":"
              + " %.3f, \"gpu_uuids\": [\"GPU-py-A\"]}",
          id,
          promptTokens,
          completionTokens,
          promptTokens + completionTokens,
          (base + startMs) / 1000.0,
          (base + endMs) / 1000.0);
    }
  }

  @Test
  void shouldGiveImpactsForExactlyTheRequestsThePythonEmitterSent() throws Exception {
    final String id = SharedInfrastructure.unique("python-emitter");
    final Properties file = new Properties();
    SharedInfrastructure.ownTopics(file, id, 2);
    file.setProperty("energy.maxSampleGap", "2s");
    file.setProperty("energy.grace", "16s");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    file.setProperty("zones.intensityWait", "16s");
    final ImpactConfig config = ConfigLoader.load(file, Map.of());
    SharedInfrastructure.createTopics(config);
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final String registryUrl = SharedInfrastructure.registry().url();
    final SchemaRegistryClient registry =
        SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
    final TopologySerdes serdes = new TopologySerdes(registry, Map.of());

    final long base = (System.currentTimeMillis() - 60_000) / 5_000 * 5_000;
    try (ImpactProducer gpu =
        ImpactProducer.create(
            Map.of("bootstrap.servers", bootstrap),
            registry,
            config.topics().inferenceRequests(),
            config.topics().gpuMetrics())) {
      for (long t = 0; t <= 20_000; t += 1_000) {
        gpu.send(
            GpuSample.newBuilder()
                .setNode("node-1")
                .setGpuUuid("GPU-py-A")
                .setTime(Instant.ofEpochMilli(base + t))
                .setPowerWatts(WATTS)
                .build());
      }
      gpu.flush();
    }
    final List<Sent> sent =
        List.of(new Sent("py-1", 2_000, 8_000, 120, 40), new Sent("py-2", 10_000, 16_000, 64, 200));
    final var emitted =
        ExternalProcess.run(
            List.of(
                "/usr/bin/python3",
                "clients/python/impact_emitter.py",
                "--bootstrap",
                bootstrap,
                "--registry",
                registryUrl,
                "--topic",
                config.topics().inferenceRequests(),
                "--node",
                "node-1"),
            sent.stream().map(s -> s.json(base)).collect(Collectors.joining("\n", "", "\n")),
            Duration.ofSeconds(60));
    assertThat(emitted.exitCode()).as(emitted.describe()).isZero();
    assertThat(emitted.stdout()).contains("emitted 2 requests");

    try (KafkaStreams streams =
        new KafkaStreams(
            ImpactTopology.build(config, serdes), SharedInfrastructure.streamsProperties(id))) {
      streams.start();
      final var impacts =
          KafkaTestClients.consume(
              bootstrap,
              config.topics().impactRequests(),
              Serdes.String().deserializer(),
              serdes.avro(RequestImpact.class).deserializer(),
              sent.size(),
              Duration.ofSeconds(50));

      final Map<String, RequestImpact> byId =
          impacts.stream().collect(Collectors.toMap(r -> r.value().getRequestId(), r -> r.value()));
      assertThat(byId.keySet()).containsExactlyInAnyOrder("py-1", "py-2");
      for (final Sent s : sent) {
        final RequestImpact impact = byId.get(s.id());
        assertThat(impact.getModel()).isEqualTo("qwen2.5-0.5b");
        assertThat(impact.getNode()).isEqualTo("node-1");
        assertThat(impact.getInputTokens()).isEqualTo(s.promptTokens());
        assertThat(impact.getOutputTokens()).isEqualTo(s.completionTokens());
        assertThat(impact.getStartTime()).isEqualTo(Instant.ofEpochMilli(base + s.startMs()));
        assertThat(impact.getEndTime()).isEqualTo(Instant.ofEpochMilli(base + s.endMs()));
        assertThat(impact.getMethod()).isEqualTo(ImpactMethod.MEASURED);
        // Alone on a GPU drawing 300 W: more than nothing, at most what the GPU drew meanwhile.
        assertThat(impact.getGpuEnergyJoules())
            .isPositive()
            .isLessThanOrEqualTo(WATTS * (s.endMs() - s.startMs()) / 1000.0 + 1e-6);
      }
    }
  }

  @Test
  void shouldPassThePythonUnitTestsOfTheEmitterAndTheVllmMiddleware() {
    final var result =
        ExternalProcess.run(
            List.of(
                "/usr/bin/python3",
                "-m",
                "unittest",
                "discover",
                "-s",
                "clients/python",
                "-p",
                "test_*.py"),
            "",
            Duration.ofSeconds(60));
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).containsPattern("Ran [1-9][0-9]* tests").contains("OK");
  }
}
