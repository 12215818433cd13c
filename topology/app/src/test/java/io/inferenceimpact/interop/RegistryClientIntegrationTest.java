package io.inferenceimpact.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.schemas.registry.CompatibilityLevel;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryException;
import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our Schema Registry client against a real Confluent-compatible registry (the local Apicurio
 * build, global compatibility BACKWARD): register, look up, fetch by id, evolve compatibly and
 * incompatibly, fail over, and fail clearly when nothing answers.
 */
class RegistryClientIntegrationTest {

  private static final Schema V1 =
      SchemaBuilder.record("GpuProbe")
          .namespace("io.inferenceimpact.test")
          .fields()
          .requiredString("gpu_uuid")
          .requiredDouble("power_watts")
          .endRecord();
  private static final Schema V2_COMPATIBLE =
      SchemaBuilder.record("GpuProbe")
          .namespace("io.inferenceimpact.test")
          .fields()
          .requiredString("gpu_uuid")
          .requiredDouble("power_watts")
          .optionalLong("energy_millijoules_total")
          .endRecord();
  private static final Schema V2_INCOMPATIBLE =
      SchemaBuilder.record("GpuProbe")
          .namespace("io.inferenceimpact.test")
          .fields()
          .requiredString("gpu_uuid")
          .requiredDouble("power_watts")
          .requiredString("node")
          .endRecord();

  private static String url;
  private static SchemaRegistryClient client;

  @BeforeAll
  static void startRegistry() {
    url = SharedInfrastructure.registry().url();
    client = SchemaRegistryClient.create(Map.of("schema.registry.url", url));
  }

  @Test
  void shouldRegisterLookUpAndFetchById() {
    final String subject = SharedInfrastructure.unique("probe") + "-value";
    final int id = client.register(subject, V1);

    assertThat(client.register(subject, V1)).as("registering the same schema again").isEqualTo(id);
    assertThat(client.lookup(subject, V1)).isEqualTo(id);
    final SchemaRegistryClient fresh =
        SchemaRegistryClient.create(Map.of("schema.registry.url", url));
    assertThat(fresh.getById(id)).isEqualTo(V1);
    assertThat(fresh.getLatest(subject).version()).isEqualTo(1);
    assertThat(fresh.getLatest(subject).schema()).isEqualTo(V1);
  }

  @Test
  void shouldAcceptACompatibleEvolution() {
    final String subject = SharedInfrastructure.unique("evolve") + "-value";
    client.register(subject, V1);

    assertThat(client.testCompatibility(subject, V2_COMPATIBLE)).isTrue();
    final int v2 = client.register(subject, V2_COMPATIBLE);
    assertThat(client.getLatest(subject).id()).isEqualTo(v2);
    assertThat(client.getVersions(subject)).containsExactly(1, 2);
  }

  @Test
  void shouldRejectAnIncompatibleEvolutionWithTheRegistrysError() {
    final String subject = SharedInfrastructure.unique("incompatible") + "-value";
    client.register(subject, V1);
    // The subject has no level of its own, so the registry's global BACKWARD applies. (Apicurio
    // answers NONE for a subject without its own level instead of the global one.)
    assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);

    assertThat(client.testCompatibility(subject, V2_INCOMPATIBLE)).isFalse();
    assertThatThrownBy(() -> client.register(subject, V2_INCOMPATIBLE))
        .isInstanceOfSatisfying(
            SchemaRegistryHttpException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.isIncompatible()).isTrue();
              assertThat(e.getMessage()).contains(subject);
            });
    assertThat(client.getVersions(subject)).containsExactly(1);
  }

  @Test
  void shouldReportAnUnknownSchemaIdAsNotFound() {
    assertThatThrownBy(() -> client.getById(987_654))
        .isInstanceOfSatisfying(
            SchemaRegistryHttpException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.getMessage()).contains("987654");
            });
  }

  @Test
  void shouldFailOverToTheNextUrlWhenTheFirstIsDown() {
    final String dead = "http://127.0.0.1:" + FreePort.find() + "/apis/ccompat/v7";
    final SchemaRegistryClient failingOver =
        SchemaRegistryClient.create(
            Map.of("schema.registry.url", dead + "," + url, "retries.wait.ms", "10"));
    final String subject = SharedInfrastructure.unique("failover") + "-value";

    final int id = failingOver.register(subject, V1);

    assertThat(client.getById(id)).isEqualTo(V1);
  }

  @Test
  void shouldFailClearlyAfterBoundedRetriesWhenNoRegistryAnswers() {
    final String dead = "http://127.0.0.1:" + FreePort.find();
    final SchemaRegistryClient unreachable =
        SchemaRegistryClient.create(
            Map.of(
                "schema.registry.url",
                dead,
                "max.retries",
                "2",
                "retries.wait.ms",
                "50",
                "http.connect.timeout.ms",
                "1000"));
    final long started = System.nanoTime();

    assertThatThrownBy(() -> unreachable.register("nobody-value", V1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining(dead)
        .hasMessageContaining("nobody-value");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldFailTheSerializerClearlyWhenNoRegistryAnswers() {
    final String dead = "http://127.0.0.1:" + FreePort.find();
    final var serde =
        new SpecificAvroSerde<>(
            SchemaRegistryClient.create(
                Map.of("schema.registry.url", dead, "max.retries", "1", "retries.wait.ms", "20")),
            GpuSample.class);
    final GpuSample sample =
        GpuSample.newBuilder()
            .setNode("node-1")
            .setGpuUuid("GPU-1")
            .setTime(Instant.parse("2026-11-27T12:00:00Z"))
            .setPowerWatts(300.0)
            .build();

    assertThatThrownBy(() -> serde.serializer().serialize("gpu.metrics.v1", sample))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("gpu.metrics.v1-value")
        .hasMessageContaining("after 2 attempts")
        .hasMessageContaining("ConnectException")
        .cause()
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining(dead);
  }
}
