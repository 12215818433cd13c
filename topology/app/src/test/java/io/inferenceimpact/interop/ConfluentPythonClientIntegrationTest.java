package io.inferenceimpact.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.ConfluentAvroDeserializer;
import io.inferenceimpact.schemas.serde.ConfluentAvroSerializer;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.testing.ExternalProcess;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes written by Confluent's own Python client (legacy {@code confluent_kafka.avro}, Debian's
 * python3-confluent-kafka) decode with our deserializer, and bytes written by our serializer decode
 * in that client, through the real broker and the real registry.
 */
class ConfluentPythonClientIntegrationTest {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String SCRIPT = "clients/python/confluent_crosscheck.py";

  private static String bootstrap;
  private static String registryUrl;
  private static SchemaRegistryClient registry;

  @BeforeAll
  static void startInfrastructure() {
    bootstrap = SharedInfrastructure.broker().bootstrapServers();
    registryUrl = SharedInfrastructure.registry().url();
    registry = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
  }

  @Test
  void shouldDecodeWhatConfluentsPythonProducerWrote(@TempDir final Path dir) throws IOException {
    final String topic = SharedInfrastructure.unique("py-produced-requests");
    SharedInfrastructure.broker().createTopic(topic, 1);
    final Path schema =
        Files.writeString(
            dir.resolve("InferenceRequest.avsc"), InferenceRequest.getClassSchema().toString());
    final List<InferenceRequest> expected = InteropRecords.requests();

    final var produced =
        ExternalProcess.run(
            List.of(
                "/usr/bin/python3",
                SCRIPT,
                "produce",
                "--bootstrap",
                bootstrap,
                "--registry",
                registryUrl,
                "--topic",
                topic,
                "--schema",
                schema.toString(),
                "--key-field",
                "request_id"),
            InteropRecords.toJsonLines(expected),
            LIMIT);
    assertThat(produced.exitCode()).as(produced.describe()).isZero();

    final var records =
        KafkaTestClients.consume(
            bootstrap,
            topic,
            new ConfluentAvroDeserializer<String>(registry),
            new SpecificAvroSerde<>(registry, InferenceRequest.class).deserializer(),
            expected.size(),
            LIMIT);
    assertThat(records).extracting(r -> r.value()).containsExactlyElementsOf(expected);
    assertThat(records)
        .extracting(r -> r.key())
        .containsExactlyElementsOf(expected.stream().map(InferenceRequest::getRequestId).toList());
    assertThat(records.get(0).value().getSchema()).isEqualTo(InferenceRequest.getClassSchema());
  }

  @Test
  void shouldBeReadByConfluentsPythonConsumer() {
    final String topic = SharedInfrastructure.unique("java-produced-requests");
    SharedInfrastructure.broker().createTopic(topic, 1);
    final List<InferenceRequest> sent = InteropRecords.requests();
    final Map<String, InferenceRequest> byKey = new LinkedHashMap<>();
    sent.forEach(r -> byKey.put(r.getRequestId(), r));
    KafkaTestClients.produce(
        bootstrap,
        topic,
        new ConfluentAvroSerializer<String>(registry, Map.of(), true),
        new SpecificAvroSerde<InferenceRequest>(registry, InferenceRequest.class).serializer(),
        byKey);

    final var consumed =
        ExternalProcess.run(
            List.of(
                "/usr/bin/python3",
                SCRIPT,
                "consume",
                "--bootstrap",
                bootstrap,
                "--registry",
                registryUrl,
                "--topic",
                topic,
                "--count",
                String.valueOf(sent.size()),
                "--group",
                SharedInfrastructure.unique("py")),
            "",
            LIMIT);
    assertThat(consumed.exitCode()).as(consumed.describe()).isZero();

    final List<Map<String, Object>> lines =
        consumed.stdout().lines().map(InteropRecords::parse).toList();
    assertThat(lines).extracting(line -> line.get("key")).containsExactlyElementsOf(byKey.keySet());
    assertThat(lines)
        .extracting(line -> line.get("value"))
        .containsExactlyElementsOf(sent.stream().map(InteropRecords::toPlainJson).toList());
  }
}
