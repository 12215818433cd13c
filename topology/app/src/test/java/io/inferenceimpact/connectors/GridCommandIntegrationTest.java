package io.inferenceimpact.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.app.ExitCodes;
import io.inferenceimpact.app.ImpactCli;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * {@code impact grid --source replay --once} in-process against the real broker and registry: the
 * replayed DE and FR values arrive on the topic as Avro GridIntensity, keyed by zone, stamped with
 * their valid_from.
 */
class GridCommandIntegrationTest {

  @Test
  void shouldPublishReplayedIntensitiesOnceAndExit() {
    final String topic = SharedInfrastructure.unique("grid-intensity");
    SharedInfrastructure.broker().createTopic(topic, 1);
    final String registryUrl = SharedInfrastructure.registry().url();
    final Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.broker().bootstrapServers(),
            "SCHEMA_REGISTRY_URL", registryUrl,
            "IMPACT_TOPICS_GRID_INTENSITY", topic);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final var cli = ImpactCli.commandLine(env);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    final Instant before = Instant.now().truncatedTo(ChronoUnit.HOURS);

    final int exit = cli.execute("grid", "--source", "replay", "--zones", "DE,FR", "--once");

    assertThat(exit).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("replay: published 2, unchanged 0, failed zones []");
    final var serde =
        new SpecificAvroSerde<>(
            SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl)),
            GridIntensity.class);
    final var records =
        KafkaTestClients.consume(
            SharedInfrastructure.broker().bootstrapServers(),
            topic,
            Serdes.String().deserializer(),
            serde.deserializer(),
            2,
            Duration.ofSeconds(30));
    assertThat(records).extracting(r -> r.key()).containsExactlyInAnyOrder("DE", "FR");
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.value().getZone()).isEqualTo(r.key());
              assertThat(r.value().getSource()).isEqualTo("replay");
              assertThat(r.timestamp()).isEqualTo(r.value().getValidFrom().toEpochMilli());
              assertThat(r.value().getValidFrom())
                  .isBetween(before, before.plus(Duration.ofHours(1)));
              assertThat(r.value().getIntensityGPerKwh()).isBetween(10.0, 800.0);
              assertThat(r.value().getForecast()).hasSize(24);
            });
  }

  @Test
  void shouldTakeTheSourceAndZonesFromTheGridSection() {
    final String topic = SharedInfrastructure.unique("grid-intensity");
    SharedInfrastructure.broker().createTopic(topic, 1);
    final Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            SharedInfrastructure.broker().bootstrapServers(),
            "SCHEMA_REGISTRY_URL",
            SharedInfrastructure.registry().url(),
            "IMPACT_TOPICS_GRID_INTENSITY",
            topic,
            "IMPACT_GRID_SOURCE",
            "replay",
            "IMPACT_GRID_ZONES",
            "FR");
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final var cli = ImpactCli.commandLine(env);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    final int exit = cli.execute("grid", "--once");

    assertThat(exit).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("replay: published 1, unchanged 0, failed zones []");
  }
}
