package io.inferenceimpact.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.schemas.producer.ImpactProducer;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The Java producer helper on the real broker and registry: records keyed as the topology
 * partitions them, stamped with their event time, in the Confluent wire format, from many threads
 * at once.
 */
class ImpactProducerIntegrationTest {
  private static final Instant T = Instant.parse("2026-12-03T09:00:00Z");

  @Test
  void shouldKeyStampAndEncodeRequestsAndSamplesFromManyThreads() throws Exception {
    final String id = SharedInfrastructure.unique("impact-producer");
    final String requests = id + ".requests";
    final String gpu = id + ".gpu";
    SharedInfrastructure.broker().createTopic(requests, 3);
    SharedInfrastructure.broker().createTopic(gpu, 3);
    final SchemaRegistryClient registry =
        SchemaRegistryClient.create(
            Map.of("schema.registry.url", SharedInfrastructure.registry().url()));
    final int threads = 4;
    final int perThread = 25;
    final ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (ImpactProducer producer =
        ImpactProducer.create(
            Map.of("bootstrap.servers", SharedInfrastructure.broker().bootstrapServers()),
            registry,
            requests,
            gpu)) {
      final List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    producer.send(request("t" + thread + "-r" + i, i));
                  }
                }));
      }
      for (final Future<?> f : done) {
        f.get();
      }
      producer.send(sample("GPU-1", 0)).get();
      producer.send(sample("GPU-2", 1)).get();
      producer.flush();
    } finally {
      pool.shutdown();
    }

    final List<ConsumerRecord<String, byte[]>> sentRequests =
        KafkaTestClients.consume(
            SharedInfrastructure.broker().bootstrapServers(),
            requests,
            new StringDeserializer(),
            new ByteArrayDeserializer(),
            threads * perThread,
            Duration.ofSeconds(30));
    final var decode = new SpecificAvroSerde<>(registry, InferenceRequest.class).deserializer();
    assertThat(sentRequests).hasSize(threads * perThread);
    for (final ConsumerRecord<String, byte[]> r : sentRequests) {
      assertThat(r.value()[0]).as("Confluent magic byte").isZero();
      final InferenceRequest value = decode.deserialize(requests, r.value());
      assertThat(r.key()).isEqualTo(value.getRequestId());
      assertThat(r.timestamp()).isEqualTo(value.getEndTime().toEpochMilli());
    }
    assertThat(sentRequests).extracting(ConsumerRecord::key).doesNotHaveDuplicates();

    final var samples =
        KafkaTestClients.consume(
            SharedInfrastructure.broker().bootstrapServers(),
            gpu,
            new StringDeserializer(),
            new SpecificAvroSerde<>(registry, GpuSample.class).deserializer(),
            2,
            Duration.ofSeconds(30));
    assertThat(samples)
        .extracting(ConsumerRecord::key, ConsumerRecord::timestamp)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("GPU-1", T.toEpochMilli()),
            org.assertj.core.groups.Tuple.tuple("GPU-2", T.toEpochMilli() + 1000));
  }

  @Test
  void shouldDefaultToIdempotentCompressedBatchesAndLetTheCallerOverride() {
    final Map<String, Object> effective =
        ImpactProducer.effectiveSettings(
            Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "linger.ms", 5,
                "value.serializer", "some.Other"));

    assertThat(effective)
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("compression.type", "zstd")
        .containsEntry("linger.ms", 5)
        .doesNotContainKey("value.serializer");
    assertThatThrownBy(() -> ImpactProducer.effectiveSettings(Map.of()))
        .hasMessageContaining("bootstrap.servers is required");
  }

  private static InferenceRequest request(final String id, final int i) {
    return InferenceRequest.newBuilder()
        .setRequestId(id)
        .setModel("m1")
        .setNode("node-1")
        .setGpuUuids(List.of("GPU-1"))
        .setStartTime(T.plusSeconds(i))
        .setEndTime(T.plusSeconds(i + 2))
        .setInputTokens(10)
        .setOutputTokens(20)
        .build();
  }

  private static GpuSample sample(final String uuid, final int second) {
    return GpuSample.newBuilder()
        .setNode("node-1")
        .setGpuUuid(uuid)
        .setTime(T.plusSeconds(second))
        .setPowerWatts(100.0)
        .build();
  }
}
