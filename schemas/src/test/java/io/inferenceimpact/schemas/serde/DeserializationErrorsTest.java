package io.inferenceimpact.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.schemas.registry.InMemorySchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryException;
import java.util.Arrays;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Bad input fails with a clear {@link SerializationException} (never a raw index or EOF error):
 * undecodable records as {@link AvroWireFormatException}, registry outages as plain ones.
 */
class DeserializationErrorsTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final ConfluentAvroDeserializer<GenericRecord> deserializer =
      new ConfluentAvroDeserializer<>(registry);
  private final int id = registry.register("probes-value", TestSchemas.V1);
  private final byte[] good = WireFormatTest.handBuiltProbe(id, "p-1", 1.0, 5L);

  @Test
  void shouldRejectAWrongMagicByte() {
    final byte[] bytes = good.clone();
    bytes[0] = 0x7b; // '{': a JSON producer on the wrong topic

    assertThatThrownBy(() -> deserializer.deserialize("probes", bytes))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("0x7b")
        .hasMessageContaining("magic byte")
        .hasMessageContaining("probes");
  }

  @Test
  void shouldRejectPayloadsShorterThanTheHeader() {
    assertThatThrownBy(() -> deserializer.deserialize("probes", new byte[] {0, 0, 1}))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("3 bytes");
    assertThatThrownBy(() -> deserializer.deserialize("probes", new byte[0]))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("0 bytes");
  }

  @Test
  void shouldRejectATruncatedBody() {
    final byte[] truncated = Arrays.copyOf(good, good.length - 3);

    assertThatThrownBy(() -> deserializer.deserialize("probes", truncated))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("writer schema id " + id)
        .hasMessageContaining(truncated.length + " bytes");
  }

  @Test
  void shouldRejectTrailingBytesAfterTheValue() {
    final byte[] padded = Arrays.copyOf(good, good.length + 2);

    assertThatThrownBy(() -> deserializer.deserialize("probes", padded))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("left over");
  }

  @Test
  void shouldRejectASchemaIdTheRegistryDoesNotKnow() {
    final byte[] unknown = WireFormatTest.handBuiltProbe(4711, "p-1", 1.0, 5L);

    assertThatThrownBy(() -> deserializer.deserialize("probes", unknown))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("schema id 4711")
        .hasMessageContaining("does not know");
  }

  @Test
  void shouldReportARegistryOutageAsRetriableNotAsABadRecord() {
    registry.setUnavailable(true);

    assertThatThrownBy(() -> deserializer.deserialize("probes", good))
        .isInstanceOf(SerializationException.class)
        .isNotInstanceOf(AvroWireFormatException.class)
        .hasCauseInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("schema id " + id);
  }

  @Test
  void shouldDecodeAgainOnceTheRegistryIsBack() {
    registry.setUnavailable(true);
    assertThatThrownBy(() -> deserializer.deserialize("probes", good))
        .isInstanceOf(SerializationException.class);
    registry.setUnavailable(false);

    assertThat(deserializer.deserialize("probes", good).get("probe_id")).hasToString("p-1");
  }

  @Test
  void shouldFailSerializingWithTheSubjectWhenTheRegistryIsDown() {
    registry.setUnavailable(true);
    final ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(registry);

    assertThatThrownBy(() -> serializer.serialize("probes", TestSchemas.genericV2("p", 1, 1, null)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("subject 'probes-value'")
        .hasCauseInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void shouldRejectValuesThatAreNotAvro() {
    final ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(registry);

    assertThatThrownBy(() -> serializer.serialize("probes", new java.util.Date()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.util.Date");
  }
}
