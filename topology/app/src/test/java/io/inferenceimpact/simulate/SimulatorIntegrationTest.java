package io.inferenceimpact.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.app.ExitCodes;
import io.inferenceimpact.app.ImpactCli;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * {@code impact simulate} against the real broker and registry: 15 simulated seconds as fast as
 * possible, then the requests, GPU samples and grid records read back in Avro with sane values.
 */
class SimulatorIntegrationTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void shouldPublishRequestsSamplesAndGridThroughTheRegistry() throws Exception {
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final String registryUrl = SharedInfrastructure.registry().url();
    final String requests = SharedInfrastructure.unique("sim-requests");
    final String samples = SharedInfrastructure.unique("sim-gpu");
    final String grid = SharedInfrastructure.unique("sim-grid");
    for (final String topic : List.of(requests, samples, grid)) {
      SharedInfrastructure.broker().createTopic(topic, 2);
    }
    final Path config = Files.createTempFile("simulate", ".yaml");
    Files.writeString(
        config,
        "topics:\n  inferenceRequests: %s\n  gpuMetrics: %s\n  gridIntensity: %s\n"
            .formatted(requests, samples, grid));
    final Instant before = Instant.now();

    final int exit =
        ImpactCli.commandLine(Map.of())
            .execute(
                "simulate",
                "--config",
                config.toString(),
                "--bootstrap-servers",
                bootstrap,
                "--registry-url",
                registryUrl,
                "--nodes",
                "4",
                "--gpus-per-node",
                "4",
                "--rate",
                "20",
                "--duration",
                "15s",
                "--speed",
                "max",
                "--scenario",
                "alerts");

    assertThat(exit).isEqualTo(ExitCodes.OK);
    final SchemaRegistryClient registry =
        SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
    final var gotRequests = read(bootstrap, requests, registry, InferenceRequest.class, 60);
    final var gotSamples = read(bootstrap, samples, registry, GpuSample.class, 4 * 4 * 15);
    final var gotGrid = read(bootstrap, grid, registry, GridIntensity.class, 4);

    assertThat(gotRequests)
        .allSatisfy(
            r -> {
              assertThat(r.key()).isEqualTo(r.value().getRequestId());
              assertThat(r.value().getZone()).isIn(Fleet.ZONES);
              assertThat(r.value().getOutputTokens()).isPositive();
              assertThat(r.value().getEndTime())
                  .isBetween(before.minusSeconds(16), Instant.now())
                  .isAfter(r.value().getStartTime());
            });
    assertThat(gotSamples)
        .hasSize(240)
        .allSatisfy(
            s -> {
              assertThat(s.key()).isEqualTo(s.value().getGpuUuid());
              assertThat(s.value().getPowerWatts()).isBetween(126.0, 700.0);
              assertThat(s.value().getEnergyMillijoulesTotal()).isPositive();
            });
    assertThat(gotGrid)
        .allSatisfy(
            g -> {
              assertThat(g.key()).isEqualTo(g.value().getZone()).isIn(Fleet.ZONES);
              assertThat(g.value().getIntensityGPerKwh()).isBetween(10.0, 1000.0);
            });
    assertThat(registry.getLatest(samples + "-value").schema())
        .isEqualTo(GpuSample.getClassSchema());
  }

  private static <T extends org.apache.avro.specific.SpecificRecord>
      List<org.apache.kafka.clients.consumer.ConsumerRecord<String, T>> read(
          final String bootstrap,
          final String topic,
          final SchemaRegistryClient registry,
          final Class<T> type,
          final int atLeast) {
    return KafkaTestClients.consume(
        bootstrap,
        topic,
        Serdes.String().deserializer(),
        new SpecificAvroSerde<>(registry, type).deserializer(),
        atLeast,
        LIMIT);
  }
}
