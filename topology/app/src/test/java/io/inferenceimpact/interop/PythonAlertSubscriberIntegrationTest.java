package io.inferenceimpact.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.subscribe.AlertRecords;
import io.inferenceimpact.testing.ExternalProcess;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * The example subscriber clients/python/alert_subscriber.py (Confluent's Python client, Debian's
 * python3-confluent-kafka) reads alerts that our serializer wrote through the real broker and
 * registry: one line per alert, the episode's FIRING before its RESOLVED, tombstones skipped.
 */
class PythonAlertSubscriberIntegrationTest {
  private static final String SCRIPT = "clients/python/alert_subscriber.py";

  @Test
  void shouldPrintTheEpisodesFiringThenResolvedLine() {
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final String registryUrl = SharedInfrastructure.registry().url();
    final String topic = SharedInfrastructure.unique("py-alerts");
    SharedInfrastructure.broker().createTopic(topic, 2);
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl)), Map.of());
    // A tombstone on the episode's key first (same partition, read before the episode): the
    // subscriber skips it instead of printing or failing on it.
    KafkaTestClients.produce(
        bootstrap,
        topic,
        Serdes.String().serializer(),
        Serdes.ByteArray().serializer(),
        List.<Map.Entry<String, byte[]>>of(
            new AbstractMap.SimpleEntry<>(AlertRecords.key(AlertRecords.firing()), null)));
    KafkaTestClients.produce(
        bootstrap,
        topic,
        Serdes.String().serializer(),
        serdes.avro(ImpactAlert.class).serializer(),
        AlertRecords.scenario());

    final var run =
        ExternalProcess.run(
            List.of(
                "/usr/bin/python3",
                SCRIPT,
                "--bootstrap",
                bootstrap,
                "--registry",
                registryUrl,
                "--topic",
                topic,
                "--group",
                SharedInfrastructure.unique("py-alerts"),
                "--from-beginning",
                "--max-messages",
                "3",
                "--timeout",
                "60"),
            "",
            Duration.ofSeconds(90));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    final List<String> lines = run.stdout().lines().toList();
    assertThat(lines).hasSize(3);
    final String firing =
        "FIRING   CRITICAL dirty-grid model=llama-3.1-70b,zone=DE:"
            + " llama-3.1-70b in DE: grid at 412 gCO2e/kWh, above 300";
    final String resolved =
        "RESOLVED CRITICAL dirty-grid model=llama-3.1-70b,zone=DE:"
            + " llama-3.1-70b in DE: grid at 250 gCO2e/kWh, back below 300";
    assertThat(lines)
        .containsSubsequence(firing, resolved)
        .contains(
            "FIRING   WARNING  efficiency-regression model=mistral-7b:"
                + " mistral-7b: 1.5x the baseline Wh per 1k output tokens");
  }
}
