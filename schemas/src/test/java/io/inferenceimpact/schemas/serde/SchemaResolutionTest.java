package io.inferenceimpact.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.schemas.registry.InMemorySchemaRegistryClient;
import io.inferenceimpact.schemas.testdata.Probe;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Writer → reader schema resolution: old readers on new data and new readers on old data. */
class SchemaResolutionTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final ConfluentAvroSerializer<Object> producer = new ConfluentAvroSerializer<>(registry);

  @Test
  void shouldReadV2RecordsWithTheV1SpecificClass() {
    final byte[] v2Bytes =
        producer.serialize("probes", TestSchemas.genericV2("p-1", 40.0, 1_000L, "DE"));
    final ConfluentAvroDeserializer<Probe> v1Consumer =
        new ConfluentAvroDeserializer<>(registry, Probe.class);

    final Probe probe = v1Consumer.deserialize("probes", v2Bytes);

    assertThat(probe).isEqualTo(TestSchemas.probeV1("p-1", 40.0, 1_000L));
  }

  @Test
  void shouldReadV1RecordsWithAV2ReaderFillingTheDefault() {
    final byte[] v1Bytes = producer.serialize("probes", TestSchemas.probeV1("p-2", 7.5, 2_000L));
    final ConfluentAvroDeserializer<GenericRecord> v2Consumer =
        new ConfluentAvroDeserializer<>(registry, TestSchemas.V2);

    final GenericRecord record = v2Consumer.deserialize("probes", v1Bytes);

    assertThat(record.getSchema()).isEqualTo(TestSchemas.V2);
    assertThat(record.get("probe_id")).hasToString("p-2");
    assertThat(record.get("zone")).isNull();
  }

  @Test
  void shouldReadEachWriterVersionWithItsOwnSchemaWhenNoReaderIsGiven() {
    final ConfluentAvroDeserializer<GenericRecord> consumer =
        new ConfluentAvroDeserializer<>(registry);

    final GenericRecord v1 =
        consumer.deserialize(
            "probes", producer.serialize("probes", TestSchemas.genericV1("a", 1, 1)));
    final GenericRecord v2 =
        consumer.deserialize(
            "probes", producer.serialize("probes", TestSchemas.genericV2("b", 2, 2, "FR")));

    assertThat(v1.getSchema()).isEqualTo(TestSchemas.V1);
    assertThat(v2.getSchema()).isEqualTo(TestSchemas.V2);
    assertThat(v2.get("zone")).hasToString("FR");
  }

  @Test
  void shouldFindTheSpecificClassByWriterNameWhenSpecificReaderIsConfigured() {
    final byte[] v2Bytes =
        producer.serialize("probes", TestSchemas.genericV2("p-3", 1.0, 3_000L, null));
    final ConfluentAvroDeserializer<Object> consumer = new ConfluentAvroDeserializer<>(registry);
    consumer.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

    final Object value = consumer.deserialize("probes", v2Bytes);

    assertThat(value).isInstanceOf(Probe.class);
    assertThat(((Probe) value).getSampledAt()).isEqualTo(Instant.ofEpochMilli(3_000L));
  }

  @Test
  void shouldRejectAWriterSchemaTheReaderCannotResolveNamingTheId() {
    final Schema textWatts =
        SchemaBuilder.record("Probe")
            .namespace("io.inferenceimpact.schemas.testdata")
            .fields()
            .requiredString("probe_id")
            .requiredString("power_watts")
            .requiredLong("sampled_at")
            .endRecord();
    final GenericRecord odd = new GenericData.Record(textWatts);
    odd.put("probe_id", "p");
    odd.put("power_watts", "lots");
    odd.put("sampled_at", 1L);
    final byte[] bytes = producer.serialize("probes", odd);
    final int id = registry.lookup("probes-value", textWatts);

    assertThatThrownBy(
            () ->
                new ConfluentAvroDeserializer<Probe>(registry, Probe.class)
                    .deserialize("probes", bytes))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("Writer schema id " + id)
        .hasMessageContaining("TYPE_MISMATCH at /fields/1");
  }
}
