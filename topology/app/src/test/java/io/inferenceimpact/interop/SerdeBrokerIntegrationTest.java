package io.inferenceimpact.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.AvroWireFormatException;
import io.inferenceimpact.schemas.serde.GenericAvroSerde;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.schemas.serde.WireFormat;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our serdes through the real broker and the real registry: records survive the trip, producers on
 * an older and a newer compatible schema are read by the same consumer, and bytes that can never
 * decode fail with the error the dead-letter path routes.
 */
class SerdeBrokerIntegrationTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private static String bootstrap;
  private static SchemaRegistryClient registry;

  @BeforeAll
  static void startInfrastructure() {
    bootstrap = SharedInfrastructure.broker().bootstrapServers();
    registry =
        SchemaRegistryClient.create(
            Map.of("schema.registry.url", SharedInfrastructure.registry().url()));
  }

  @Test
  void shouldCarryInferenceRequestsThroughBrokerAndRegistry() {
    final String topic = SharedInfrastructure.unique("requests");
    SharedInfrastructure.broker().createTopic(topic, 2);
    final Map<String, InferenceRequest> sent = new LinkedHashMap<>();
    InteropRecords.requests().forEach(r -> sent.put(r.getRequestId(), r));
    final var serde = new SpecificAvroSerde<>(registry, InferenceRequest.class);

    KafkaTestClients.produce(
        bootstrap, topic, Serdes.String().serializer(), serde.serializer(), sent);
    final var received =
        KafkaTestClients.consume(
            bootstrap,
            topic,
            Serdes.String().deserializer(),
            serde.deserializer(),
            sent.size(),
            LIMIT);

    assertThat(received)
        .extracting(r -> r.value())
        .containsExactlyInAnyOrderElementsOf(sent.values());
    assertThat(received).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getRequestId()));
    assertThat(registry.getLatest(topic + "-value").schema())
        .isEqualTo(InferenceRequest.getClassSchema());
  }

  @Test
  void shouldCarryGpuSamplesThroughBrokerAndRegistry() {
    final String topic = SharedInfrastructure.unique("gpu-samples");
    SharedInfrastructure.broker().createTopic(topic, 1);
    final Map<String, GpuSample> sent = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      sent.put(
          "GPU-" + i,
          GpuSample.newBuilder()
              .setNode("node-1")
              .setGpuUuid("GPU-" + i)
              .setGpuModel("NVIDIA H200")
              .setTime(Instant.ofEpochMilli(1_795_780_986_979L + i * 1000L))
              .setPowerWatts(129.7 + i)
              .setEnergyMillijoulesTotal(2_490_684L + i * 130_000L)
              .setUtilizationPercent(i * 20.0)
              .build());
    }
    final var serde = new SpecificAvroSerde<>(registry, GpuSample.class);

    KafkaTestClients.produce(
        bootstrap, topic, Serdes.String().serializer(), serde.serializer(), sent);
    final var received =
        KafkaTestClients.consume(
            bootstrap,
            topic,
            Serdes.String().deserializer(),
            serde.deserializer(),
            sent.size(),
            LIMIT);

    assertThat(received).extracting(r -> r.value()).containsExactlyElementsOf(sent.values());
  }

  @Test
  void shouldReadProducersOnOlderAndNewerSchemasTogether() {
    final String topic = SharedInfrastructure.unique("mixed-versions");
    SharedInfrastructure.broker().createTopic(topic, 1);
    final Schema newer = withOptionalField(InferenceRequest.getClassSchema(), "queue_time_ms");
    final InferenceRequest older = InteropRecords.requests().get(0);
    final GenericRecord fromNewer = copyInto(newer, InteropRecords.requests().get(1));
    fromNewer.put("queue_time_ms", 42L);

    KafkaTestClients.produce(
        bootstrap,
        topic,
        Serdes.String().serializer(),
        new SpecificAvroSerde<>(registry, InferenceRequest.class).serializer(),
        Map.of("a", older));
    KafkaTestClients.produce(
        bootstrap,
        topic,
        Serdes.String().serializer(),
        new GenericAvroSerde(registry).serializer(),
        Map.of("b", fromNewer));
    final var received =
        KafkaTestClients.consume(
            bootstrap,
            topic,
            Serdes.String().deserializer(),
            new SpecificAvroSerde<>(registry, InferenceRequest.class).deserializer(),
            2,
            LIMIT);

    assertThat(registry.getVersions(topic + "-value")).containsExactly(1, 2);
    assertThat(received)
        .extracting(r -> r.value())
        .containsExactly(older, InteropRecords.requests().get(1));
    final var newerReader =
        KafkaTestClients.consume(
            bootstrap,
            topic,
            Serdes.String().deserializer(),
            new GenericAvroSerde(registry, newer).deserializer(),
            2,
            LIMIT);
    assertThat(newerReader.get(0).value().get("queue_time_ms")).as("default for old data").isNull();
    assertThat(newerReader.get(1).value().get("queue_time_ms")).isEqualTo(42L);
  }

  @Test
  void shouldRejectAnUnknownSchemaIdWithTheDeadLetterError() {
    final byte[] unknownId =
        ByteBuffer.allocate(9).put(WireFormat.MAGIC_BYTE).putInt(876_543).putInt(0).array();
    final var deserializer =
        new SpecificAvroSerde<>(registry, InferenceRequest.class).deserializer();

    assertThatThrownBy(() -> deserializer.deserialize("any-topic", unknownId))
        .isInstanceOf(AvroWireFormatException.class)
        .hasMessageContaining("876543");
  }

  private static Schema withOptionalField(final Schema base, final String name) {
    final List<Schema.Field> fields = new ArrayList<>();
    for (final Schema.Field field : base.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(
        new Schema.Field(
            name,
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG)),
            "Time spent queued before the request started, ms.",
            Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  private static GenericRecord copyInto(final Schema schema, final InferenceRequest request) {
    final GenericRecord copy = new GenericData.Record(schema);
    final GenericRecord asGeneric =
        (GenericRecord)
            GenericData.get().deepCopy(InferenceRequest.getClassSchema(), toGeneric(request));
    for (final Schema.Field field : InferenceRequest.getClassSchema().getFields()) {
      copy.put(field.name(), asGeneric.get(field.name()));
    }
    return copy;
  }

  private static GenericRecord toGeneric(final InferenceRequest request) {
    final List<Schema.Field> fields = InferenceRequest.getClassSchema().getFields();
    final GenericRecord generic = new GenericData.Record(InferenceRequest.getClassSchema());
    for (final Schema.Field field : fields) {
      final Object value = request.get(field.pos());
      generic.put(
          field.pos(),
          value instanceof Instant instant
              ? instant.toEpochMilli()
              : value instanceof Enum<?> symbol
                  ? new GenericData.EnumSymbol(field.schema(), symbol.name())
                  : value);
    }
    return generic;
  }
}
