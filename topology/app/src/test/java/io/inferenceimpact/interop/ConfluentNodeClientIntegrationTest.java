package io.inferenceimpact.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.schemas.serde.WireFormat;
import io.inferenceimpact.testing.ExternalProcess;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes written by Confluent's Node Schema Registry client ({@code @confluentinc/schemaregistry},
 * pinned in clients/node) decode with our deserializer, and bytes written by our serializer decode
 * in that client; both resolve schema ids through the same real registry.
 */
class ConfluentNodeClientIntegrationTest {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String SCRIPT = "clients/node/crosscheck.js";
  private static final HexFormat HEX = HexFormat.of();

  private static String registryUrl;
  private static SchemaRegistryClient registry;

  @BeforeAll
  static void startRegistry() {
    registryUrl = SharedInfrastructure.registry().url();
    registry = SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl));
  }

  @Test
  void shouldDecodeWhatConfluentsNodeSerializerWrote(@TempDir final Path dir) throws IOException {
    final String topic = SharedInfrastructure.unique("node-serialized");
    final Path schema =
        Files.writeString(
            dir.resolve("InferenceRequest.avsc"), InferenceRequest.getClassSchema().toString());
    final List<InferenceRequest> expected = InteropRecords.requests();

    final var serialized =
        ExternalProcess.run(
            List.of(
                "node",
                SCRIPT,
                "serialize",
                "--registry",
                registryUrl,
                "--topic",
                topic,
                "--schema",
                schema.toString()),
            InteropRecords.toJsonLines(expected),
            LIMIT);
    assertThat(serialized.exitCode()).as(serialized.describe()).isZero();

    final List<byte[]> payloads = serialized.stdout().lines().map(HEX::parseHex).toList();
    final int registeredId = registry.getLatest(topic + "-value").id();
    try (Serde<InferenceRequest> serde =
        new SpecificAvroSerde<>(registry, InferenceRequest.class)) {
      assertThat(payloads)
          .allSatisfy(
              bytes -> {
                assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
                assertThat(WireFormat.schemaId(bytes, topic)).isEqualTo(registeredId);
              });
      assertThat(payloads)
          .extracting(bytes -> serde.deserializer().deserialize(topic, bytes))
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void shouldBeReadByConfluentsNodeDeserializer() {
    final String topic = SharedInfrastructure.unique("java-serialized");
    final List<InferenceRequest> sent = InteropRecords.requests();
    final String hexLines;
    try (Serde<InferenceRequest> serde =
        new SpecificAvroSerde<>(registry, InferenceRequest.class)) {
      hexLines =
          sent.stream()
              .map(r -> HEX.formatHex(serde.serializer().serialize(topic, r)))
              .reduce("", (all, line) -> all + line + "\n");
    }

    final var deserialized =
        ExternalProcess.run(
            List.of("node", SCRIPT, "deserialize", "--registry", registryUrl, "--topic", topic),
            hexLines,
            LIMIT);
    assertThat(deserialized.exitCode()).as(deserialized.describe()).isZero();

    assertThat(deserialized.stdout().lines().map(InteropRecords::parse).toList())
        .containsExactlyElementsOf(sent.stream().map(InteropRecords::toPlainJson).toList());
  }
}
