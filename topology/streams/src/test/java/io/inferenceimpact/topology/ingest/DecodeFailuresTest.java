package io.inferenceimpact.topology.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.schemas.registry.SchemaRegistryException;
import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import io.inferenceimpact.schemas.serde.AvroWireFormatException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DecodeFailuresTest {

  @Test
  void shouldTreatBadBytesAsTheRecordsFault() {
    assertThat(DecodeFailures.isOutage(new AvroWireFormatException("unknown magic byte 1")))
        .isFalse();
    assertThat(DecodeFailures.isOutage(new IllegalStateException("malformed"))).isFalse();
  }

  @Test
  void shouldTreatAnUnknownIdAnswerAsTheRecordsFault() {
    final var notFound = new SchemaRegistryHttpException("get id 7", 404, 40403, "not found");
    assertThat(DecodeFailures.isOutage(new SerializationException("cannot decode", notFound)))
        .isFalse();
  }

  @Test
  void shouldTreatAnUnreachableOrFailingRegistryAsAnOutage() {
    final var down = new SchemaRegistryException("no answer from http://127.0.0.1:1 after 3 tries");
    final var failing = new SchemaRegistryHttpException("get id 7", 503, 50301, "unavailable");
    final var refused = new SchemaRegistryHttpException("get id 7", 401, 40101, "unauthorized");

    assertThat(DecodeFailures.isOutage(new SerializationException("x", down))).isTrue();
    assertThat(DecodeFailures.isOutage(new SerializationException("x", failing))).isTrue();
    assertThat(DecodeFailures.isOutage(new SerializationException("x", refused))).isTrue();
  }

  @Test
  void shouldDescribeOnOneBoundedLine() {
    final String description =
        DecodeFailures.describe(
            new AvroWireFormatException("line one\nline two " + "x".repeat(900)));

    assertThat(description).startsWith("AvroWireFormatException: line one line two").hasSize(500);
    assertThat(description).doesNotContain("\n").endsWith("...");
  }
}
