package io.inferenceimpact.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.schemas.registry.CompatibilityLevel;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.AvroSerdeConfig;
import io.inferenceimpact.schemas.serde.ConfluentAvroSerializer;
import io.inferenceimpact.schemas.serde.WireFormat;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A rolling upgrade of producers, on the real broker and registry with exactly_once_v2: while one
 * producer still writes InferenceRequest as it is today, another writes a newer version (today's
 * schema plus an optional field with a default, registered under the same subject with BACKWARD
 * compatibility enforced by the registry), both at the same time. The service, still on today's
 * schema, accounts every request of both (decoded by writer schema id, the new field ignored) and
 * sends none to the DLQ. The other direction — a service upgraded to a newer schema reading records
 * of producers on an older one — is what the build's compatibility gate (SchemaHistory) checks
 * against every released version.
 */
class SchemaEvolutionIntegrationTest {
  private static final int PARTITIONS = 2;
  private static final int PER_PRODUCER = 15;
  private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

  @Test
  void shouldAccountRequestsOfProducersOnTheCurrentAndANewerSchemaAtOnce() throws Exception {
    final String id = SharedInfrastructure.unique("evolution");
    final Properties file = new Properties();
    file.setProperty("topics.partitions", String.valueOf(PARTITIONS));
    for (final String key :
        List.of(
            "inferenceRequests",
            "gpuMetrics",
            "gridIntensity",
            "fleetNodes",
            "impactRequests",
            "modelRates",
            "alerts")) {
      file.setProperty("topics." + key, id + "." + key);
    }
    file.setProperty("topics.dlq", id + ".dlq");
    // Estimated requests go on after 2 s of quiet instead of waiting 5 min for grid values.
    file.setProperty("zones.intensityWait", "2s");
    final ImpactConfig config = ConfigLoader.load(file, Map.of());
    final String requestsTopic = config.topics().inferenceRequests();
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    SharedInfrastructure.createTopics(config);
    final SchemaRegistryClient registry =
        SchemaRegistryClient.create(
            Map.of("schema.registry.url", SharedInfrastructure.registry().url()));
    final String subject = requestsTopic + "-value";
    registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);
    final int currentId = registry.register(subject, InferenceRequest.getClassSchema());
    final Schema newer = withPriorityClass(InferenceRequest.getClassSchema());
    assertThat(registry.testCompatibility(subject, newer)).isTrue();
    final int newerId = registry.register(subject, newer);
    assertThat(newerId).isNotEqualTo(currentId);
    assertThat(registry.getVersions(subject)).hasSize(2);

    final long base = System.currentTimeMillis() - 60_000;
    final List<InferenceRequest> current = new ArrayList<>();
    final List<GenericRecord> newerRecords = new ArrayList<>();
    for (int i = 0; i < PER_PRODUCER; i++) {
      current.add(currentRequest("current-" + i, base + i * 100L, 100 + i));
      newerRecords.add(newerRequest(newer, "newer-" + i, base + i * 100L, 200 + i));
    }
    final TopologySerdes serdes = new TopologySerdes(registry, Map.of());
    final CyclicBarrier start = new CyclicBarrier(2);
    final CompletableFuture<Void> producingCurrent =
        CompletableFuture.runAsync(
            () ->
                produceSlowly(
                    bootstrap,
                    requestsTopic,
                    serdes.avro(InferenceRequest.class).serializer(),
                    current,
                    InferenceRequest::getRequestId,
                    start));
    final CompletableFuture<Void> producingNewer =
        CompletableFuture.runAsync(
            () ->
                produceSlowly(
                    bootstrap,
                    requestsTopic,
                    // Looks its schema up instead of registering: it was registered above.
                    new ConfluentAvroSerializer<GenericRecord>(
                        registry, Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false),
                    newerRecords,
                    r -> r.get("request_id").toString(),
                    start));
    CompletableFuture.allOf(producingCurrent, producingNewer).join();
    assertThat(writerSchemaIds(bootstrap, requestsTopic, 2 * PER_PRODUCER))
        .containsExactlyInAnyOrder(currentId, newerId);

    try (KafkaStreams streams =
        new KafkaStreams(
            ImpactTopology.build(config, serdes), SharedInfrastructure.streamsProperties(id))) {
      streams.start();
      final Map<String, RequestImpact> impacts =
          KafkaTestClients.consume(
                  bootstrap,
                  config.topics().impactRequests(),
                  Serdes.String().deserializer(),
                  serdes.avro(RequestImpact.class).deserializer(),
                  2 * PER_PRODUCER,
                  Duration.ofSeconds(90))
              .stream()
              .collect(Collectors.toMap(r -> r.key(), r -> r.value(), (a, b) -> b));

      final Set<String> expected = new HashSet<>();
      current.forEach(r -> expected.add(r.getRequestId()));
      newerRecords.forEach(r -> expected.add(r.get("request_id").toString()));
      assertThat(impacts).containsOnlyKeys(expected);
      assertThat(impacts.get("newer-3").getOutputTokens()).isEqualTo(203);
      assertThat(impacts.get("current-3").getOutputTokens()).isEqualTo(103);
      assertThat(impacts.values())
          .allSatisfy(
              i -> {
                assertThat(i.getMethod()).isEqualTo(ImpactMethod.ESTIMATED);
                assertThat(i.getFacilityEnergyJoules()).isPositive();
              });
      assertThat(recordsOn(bootstrap, config.topics().dlq(), Duration.ofSeconds(2))).isZero();
    }
  }

  /** Today's InferenceRequest plus an optional {@code priority_class} (default null) at the end. */
  private static Schema withPriorityClass(final Schema current) {
    final List<Schema.Field> fields = new ArrayList<>();
    current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(
        new Schema.Field(
            "priority_class",
            SchemaBuilder.unionOf().nullType().and().stringType().endUnion(),
            "Scheduling class of the request (e.g. interactive, batch); null if unknown.",
            Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(
        current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  private static InferenceRequest currentRequest(
      final String requestId, final long endMillis, final long outputTokens) {
    return InferenceRequest.newBuilder()
        .setRequestId(requestId)
        .setModel(MODEL)
        .setStartTime(Instant.ofEpochMilli(endMillis - 5_000))
        .setEndTime(Instant.ofEpochMilli(endMillis))
        .setInputTokens(300)
        .setOutputTokens(outputTokens)
        .build();
  }

  private static GenericRecord newerRequest(
      final Schema newer, final String requestId, final long endMillis, final long outputTokens) {
    return new GenericRecordBuilder(newer)
        .set("request_id", requestId)
        .set("model", MODEL)
        .set("start_time", endMillis - 5_000)
        .set("end_time", endMillis)
        .set("input_tokens", 300L)
        .set("output_tokens", outputTokens)
        .set("status", new GenericData.EnumSymbol(newer.getField("status").schema(), "OK"))
        .set("priority_class", "batch")
        .build();
  }

  /** Sends one record at a time, after both producers are ready, so that the two interleave. */
  private static <V> void produceSlowly(
      final String bootstrap,
      final String topic,
      final Serializer<V> values,
      final List<V> records,
      final Function<V, String> key,
      final CyclicBarrier start) {
    final Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(props, Serdes.String().serializer(), values)) {
      start.await();
      for (final V record : records) {
        producer.send(new ProducerRecord<>(topic, key.apply(record), record)).get();
      }
    } catch (final Exception e) {
      throw new IllegalStateException("producing to " + topic + " failed", e);
    }
  }

  /** The distinct schema ids in the Confluent header of the first {@code count} records. */
  private static Set<Integer> writerSchemaIds(
      final String bootstrap, final String topic, final int count) {
    return KafkaTestClients.consume(
            bootstrap,
            topic,
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer(),
            count,
            Duration.ofSeconds(30))
        .stream()
        .map(r -> WireFormat.schemaId(r.value(), topic))
        .collect(Collectors.toSet());
  }

  /** Records committed on {@code topic}, read from the beginning for {@code during}. */
  private static int recordsOn(final String bootstrap, final String topic, final Duration during) {
    final Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    int count = 0;
    try (var consumer =
        new KafkaConsumer<>(
            props, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + during.toNanos();
      while (System.nanoTime() < deadline) {
        count += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return count;
  }
}
