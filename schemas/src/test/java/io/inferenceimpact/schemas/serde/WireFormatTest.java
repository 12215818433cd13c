package io.inferenceimpact.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.schemas.registry.InMemorySchemaRegistryClient;
import io.inferenceimpact.schemas.testdata.Probe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the wire: magic byte, big-endian id, Avro binary body, checked against hand-built
 * bytes.
 */
class WireFormatTest {

  private static final int ID = 0x01020304;
  private static final long SAMPLED_AT_MILLIS = 1_700_000_000_123L;

  @Test
  void shouldWriteMagicByteBigEndianIdThenAvroBody() {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(ID);
    final ConfluentAvroSerializer<Probe> serializer = new ConfluentAvroSerializer<>(registry);

    final byte[] bytes =
        serializer.serialize("probes", TestSchemas.probeV1("p-1", 12.5, SAMPLED_AT_MILLIS));

    assertThat(bytes).containsExactly(handBuiltProbe(ID, "p-1", 12.5, SAMPLED_AT_MILLIS));
    assertThat(registry.getById(ID)).isEqualTo(TestSchemas.V1);
  }

  @Test
  void shouldDecodeHandBuiltBytesIntoGenericRecord() {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(ID);
    registry.register("probes-value", TestSchemas.V1);
    final ConfluentAvroDeserializer<GenericRecord> deserializer =
        new ConfluentAvroDeserializer<>(registry);

    final GenericRecord record =
        deserializer.deserialize("probes", handBuiltProbe(ID, "p-9", -0.25, SAMPLED_AT_MILLIS));

    assertThat(record.get("probe_id")).hasToString("p-9");
    assertThat(record.get("power_watts")).isEqualTo(-0.25);
    assertThat(record.get("sampled_at")).isEqualTo(SAMPLED_AT_MILLIS);
  }

  @Test
  void shouldDecodeHandBuiltBytesIntoSpecificRecordWithLogicalTypes() {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(ID);
    registry.register("probes-value", TestSchemas.V1);
    final SpecificAvroSerde<Probe> serde = new SpecificAvroSerde<>(registry);

    final Probe probe =
        serde
            .deserializer()
            .deserialize("probes", handBuiltProbe(ID, "p-2", 3.0, SAMPLED_AT_MILLIS));

    assertThat(probe.getProbeId()).isEqualTo("p-2");
    assertThat(probe.getSampledAt()).isEqualTo(Instant.ofEpochMilli(SAMPLED_AT_MILLIS));
  }

  @Test
  void shouldMapNullToNullBothWaysForTombstones() {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final GenericAvroSerde serde = new GenericAvroSerde(registry);

    assertThat(serde.serializer().serialize("probes", null)).isNull();
    assertThat(serde.deserializer().deserialize("probes", null)).isNull();
    assertThat(registry.registerCalls).hasValue(0);
  }

  @Test
  void shouldWriteAndReadAvroStringKeysAsProducedByConfluentPythonClients() {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(7);
    final ConfluentAvroSerializer<String> serializer =
        new ConfluentAvroSerializer<>(registry, Map.of(), true);
    final ConfluentAvroDeserializer<Object> deserializer =
        new ConfluentAvroDeserializer<>(registry);
    // 0x00, id 7, Avro string "req-1": zig-zag length 5 → 0x0a, then UTF-8.
    final byte[] expected = {0, 0, 0, 0, 7, 0x0a, 'r', 'e', 'q', '-', '1'};

    final byte[] written = serializer.serialize("inference.requests.v1", "req-1");

    assertThat(written).containsExactly(expected);
    assertThat(registry.getLatest("inference.requests.v1-key").schema())
        .isEqualTo(Schema.create(Schema.Type.STRING));
    assertThat(deserializer.deserialize("inference.requests.v1", expected)).isEqualTo("req-1");
  }

  /** Avro binary of a Probe v1 written field by field, per the Avro specification. */
  static byte[] handBuiltProbe(
      final int id, final String probeId, final double watts, final long millis) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
    final byte[] text = probeId.getBytes(StandardCharsets.UTF_8);
    writeZigZagLong(out, text.length);
    out.writeBytes(text);
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(watts).array());
    writeZigZagLong(out, millis);
    return out.toByteArray();
  }

  static void writeZigZagLong(final ByteArrayOutputStream out, final long value) {
    long zigZag = (value << 1) ^ (value >> 63);
    while ((zigZag & ~0x7FL) != 0) {
      out.write((int) ((zigZag & 0x7F) | 0x80));
      zigZag >>>= 7;
    }
    out.write((int) zigZag);
  }
}
