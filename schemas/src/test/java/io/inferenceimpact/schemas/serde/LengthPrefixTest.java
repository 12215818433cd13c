package io.inferenceimpact.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * A few hostile bytes must not make the decoder allocate what their length prefixes claim (Avro
 * would allocate it, and a gigabyte claim ends the thread with an OutOfMemoryError under the tests'
 * 1 GiB heap): such records are rejected as undecodable, valid ones still decode.
 */
class LengthPrefixTest {
  private static final Schema BAG =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Bag", "namespace": "io.inferenceimpact.test", "fields": [
                {"name": "items", "type": {"type": "array", "items": "string"}},
                {"name": "tags", "type": {"type": "map", "values": "long"}},
                {"name": "blob", "type": ["null", "bytes"], "default": null},
                {"name": "nothing", "type": {"type": "array", "items": "null"}, "default": []}
              ]}
              """);

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final ConfluentAvroDeserializer<GenericRecord> deserializer =
      new ConfluentAvroDeserializer<>(registry);
  private final int probeId = registry.register("probes-value", TestSchemas.V1);
  private final int bagId = registry.register("bags-value", BAG);

  @Test
  void shouldRejectAStringClaimingMoreBytesThanTheRecordHas() {
    final ByteArrayOutputStream out = header(probeId);
    WireFormatTest.writeZigZagLong(out, 1_500_000_000L); // 1.5 GB "probe_id"
    out.writeBytes(new byte[] {'a', 'b', 'c'});

    assertThatThrownBy(() -> deserializer.deserialize("probes", out.toByteArray()))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("string length 1500000000");
  }

  @Test
  void shouldRejectAnArrayOrMapClaimingMoreItemsThanBytes() {
    final ByteArrayOutputStream array = header(bagId);
    WireFormatTest.writeZigZagLong(array, 2_000_000_000L);
    array.write(2);
    final ByteArrayOutputStream map = header(bagId);
    map.write(0); // no items
    WireFormatTest.writeZigZagLong(map, -1_000_000_000L); // a sized block
    WireFormatTest.writeZigZagLong(map, 4);
    map.writeBytes(new byte[] {2, 'k', 2, 0}); // the 4 bytes the block claims

    assertThatThrownBy(() -> deserializer.deserialize("bags", array.toByteArray()))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("block of 2000000000 items");
    assertThatThrownBy(() -> deserializer.deserialize("bags", map.toByteArray()))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("block of 1000000000 items");
  }

  @Test
  void shouldBoundItemsThatTakeNoBytes() {
    final ByteArrayOutputStream out = header(bagId);
    out.write(0);
    out.write(0);
    out.write(0); // blob: null
    WireFormatTest.writeZigZagLong(out, Long.MAX_VALUE / 2); // nulls: no bytes each

    assertThatThrownBy(() -> deserializer.deserialize("bags", out.toByteArray()))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("empty items");
  }

  @Test
  void shouldRejectAnOutOfRangeUnionIndex() {
    final ByteArrayOutputStream out = header(bagId);
    out.write(0);
    out.write(0);
    WireFormatTest.writeZigZagLong(out, 7);

    assertThatThrownBy(() -> deserializer.deserialize("bags", out.toByteArray()))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("union index 7");
  }

  @Test
  void shouldStillDecodeValidRecordsWithCollections() {
    final GenericRecord bag = new GenericData.Record(BAG);
    bag.put("items", List.of("a", "bb", ""));
    bag.put("tags", Map.of("x", 1L, "y", -2L));
    bag.put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    bag.put("nothing", java.util.Collections.nCopies(1000, null));
    final byte[] bytes = new ConfluentAvroSerializer<>(registry).serialize("bags", bag);

    final GenericRecord decoded = deserializer.deserialize("bags", bytes);

    assertThat(decoded.get("items")).asList().hasSize(3);
    assertThat((Map<?, ?>) decoded.get("tags")).hasSize(2);
    assertThat(decoded.get("nothing")).asList().hasSize(1000);
    assertThat(
            deserializer.deserialize("probes", WireFormatTest.handBuiltProbe(probeId, "p", 1, 2)))
        .isNotNull();
  }

  private static ByteArrayOutputStream header(final int id) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
    return out;
  }
}
