package io.inferenceimpact.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.faults.Results;
import io.inferenceimpact.faults.RunOutputs;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A burst of garbage mixed into valid traffic, on the real broker and registry with
 * exactly_once_v2: one application runs the valid traffic with garbage interleaved (random bytes,
 * wrong magic bytes, schema ids the registry does not know, truncated records, impossible values,
 * event times a day ahead, re-sent requests). Its outputs, read to their end after it stopped, must
 * equal the replay baseline of the valid traffic alone ({@code impact replay}'s engine, as in the
 * fault tests): every request impact and every per-model window, every field (floating-point within
 * 1e-9 relative), none twice; and the DLQ holds exactly the garbage records, with their original
 * bytes and a reason; copies are not on it.
 */
class GarbageBurstIntegrationTest {
  private static final int PARTITIONS = 2;
  private static final String LLAMA_8B = "meta-llama/Llama-3.1-8B-Instruct";
  private final SchemaRegistryClient registry =
      SchemaRegistryClient.create(
          Map.of("schema.registry.url", SharedInfrastructure.registry().url()));
  private final TopologySerdes serdes = new TopologySerdes(registry, Map.of());

  /** One record to produce: topic suffix, key and value bytes. */
  private record Sent(String topic, byte[] key, byte[] value) {}

  @Test
  void shouldKeepValidResultsAndDeadLetterEveryGarbageRecord() throws Exception {
    final long base = (System.currentTimeMillis() - 60_000) / 5_000 * 5_000;
    final List<Sent> valid = validTraffic(base);
    final List<Sent> garbage = garbage(valid, base, new SplittableRandom(42));
    final List<Sent> copies =
        valid.stream().filter(s -> s.topic().equals("requests")).limit(3).toList();
    final List<Sent> mixed = new ArrayList<>(valid);
    final SplittableRandom random = new SplittableRandom(7);
    for (final Sent g : garbage) {
      mixed.add(random.nextInt(mixed.size() + 1), g);
    }
    // A grid value a day ahead (past ingest.maxFutureSkew), before every valid one. Let through,
    // it reaches the grid repartition topic, the broker refuses a timestamp that far ahead and the
    // application stops; on a broker that took it, it would move the as-of table's clock past the
    // valid values (GridIntensityValidator).
    final Sent futureGrid = grid(base + Duration.ofDays(1).toMillis(), "DE", 900.0);
    mixed.add(0, futureGrid);
    garbage.add(futureGrid);
    mixed.addAll(copies); // a retrying producer re-sends, after the originals

    final String dirty = SharedInfrastructure.unique("burst-dirty");
    final ImpactConfig dirtyConfig = setUp(dirty, mixed);
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final int requests = (int) valid.stream().filter(s -> s.topic().equals("requests")).count();
    final Results replayed =
        RunOutputs.replay(
            dirtyConfig,
            valid.stream()
                .filter(s -> s.topic().equals("requests"))
                .map(s -> decodeRequest(s.value()))
                .toList(),
            valid.stream()
                .filter(s -> s.topic().equals("gpu"))
                .map(s -> decodeSample(s.value()))
                .toList(),
            valid.stream()
                .filter(s -> s.topic().equals("grid"))
                .map(s -> decodeGrid(s.value()))
                .toList(),
            Path.of("target/tmp/garbage", dirty));
    assertThat(replayed.requests()).hasSize(requests);
    assertThat(replayed.windows()).isNotEmpty();
    assertThat(replayed.deadLetters()).isZero();
    // The valid traffic's results, and every garbage record dead-lettered.
    final Results expected =
        new Results(replayed.requests(), replayed.windows(), List.of(), garbage.size());

    try (KafkaStreams b =
        new KafkaStreams(
            ImpactTopology.build(dirtyConfig, serdes),
            SharedInfrastructure.streamsProperties(dirty))) {
      b.start();
      // Requests come once the application holds the grid values: a request estimated at once
      // joins the intensity table as it is then (see the note on start-up in RELIABILITY.md).
      awaitGridTableLoaded(bootstrap, dirty, b);
      produce(dirty, mixed, "requests");
      assertThat(
              RunOutputs.differencesFrom(
                  expected,
                  bootstrap,
                  new RunOutputs.OutputTopics(
                      dirty + ".impact", dirty + ".rates", dirty + ".dlq", PARTITIONS),
                  serdes,
                  Duration.ofSeconds(180),
                  () -> assertThat(b.close(Duration.ofSeconds(60))).as("closed").isTrue()))
          .isEmpty();
      final List<ConsumerRecord<byte[], byte[]>> dlq =
          KafkaTestClients.consume(
              bootstrap,
              dirty + ".dlq",
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer(),
              garbage.size(),
              Duration.ofSeconds(30));
      assertThat(dlq.stream().map(r -> HexFormat.of().formatHex(r.value())).sorted().toList())
          .isEqualTo(
              garbage.stream().map(g -> HexFormat.of().formatHex(g.value())).sorted().toList());
      assertThat(dlq)
          .allSatisfy(r -> assertThat(header(r, DeadLetters.REASON_HEADER)).isNotBlank());
      assertThat(dlq.stream().map(r -> header(r, DeadLetters.REASON_HEADER)).distinct())
          .contains("undecodable", "negative-tokens", "invalid-power", "empty-zone", "future-time");
    }
  }

  private ImpactConfig setUp(final String id, final List<Sent> records) throws Exception {
    final Properties file = new Properties();
    SharedInfrastructure.ownTopics(file, id, PARTITIONS);
    // Every topic the topology writes, alerts included; all with the broker's default (delete)
    // policy, not SharedInfrastructure.createTopics: the garbage includes keyless records for the
    // grid topic, which a compacted topic would refuse before they reach the service.
    for (final String t :
        List.of("requests", "gpu", "grid", "nodes", "impact", "dlq", "rates", "alerts")) {
      SharedInfrastructure.broker().createTopic(id + "." + t, PARTITIONS);
    }
    // Samples come every second; a generous gap limit keeps a stalled task (a loaded machine)
    // from cutting unmeasured gaps into one run and not the other (see docs/RELIABILITY.md).
    file.setProperty("energy.maxSampleGap", "20s");
    // Longer than the scenario: finality comes from the wall clock, never from read order.
    file.setProperty("energy.grace", "40s");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    file.setProperty("zones.intensityWait", "40s");
    produce(id, records, "grid");
    produce(id, records, "gpu");
    return ConfigLoader.load(file, Map.of());
  }

  private static void produce(final String id, final List<Sent> records, final String topic) {
    KafkaTestClients.produce(
        SharedInfrastructure.broker().bootstrapServers(),
        id + "." + topic,
        new ByteArraySerializer(),
        new ByteArraySerializer(),
        records.stream()
            .filter(s -> s.topic().equals(topic))
            .map(s -> Map.entry(s.key() == null ? new byte[0] : s.key(), s.value()))
            .map(e -> e.getKey().length == 0 ? nullKey(e.getValue()) : e)
            .toList());
  }

  /**
   * Waits until the application committed past every record of its grid repartition topic; fails at
   * once, naming its state, if the application stops meanwhile.
   */
  private static void awaitGridTableLoaded(
      final String bootstrap, final String applicationId, final KafkaStreams streams) {
    final String topic = applicationId + "-grid-intensity-by-zone-repartition";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Awaitility.await("grid table of " + applicationId)
          .atMost(Duration.ofSeconds(60))
          .failFast(
              "application stopped before its grid table loaded",
              () ->
                  assertThat(streams.state().isRunningOrRebalancing())
                      .as("state %s", streams.state())
                      .isTrue())
          .ignoreExceptions() // the repartition topic appears once the application runs
          .until(() -> loaded(admin, applicationId, topic));
    }
  }

  private static boolean loaded(final Admin admin, final String group, final String topic)
      throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long records = 0;
    for (final var end : admin.listOffsets(ends).all().get().entrySet()) {
      final OffsetAndMetadata done = committed.get(end.getKey());
      final long endOffset = end.getValue().offset();
      records += endOffset;
      if (endOffset > 0 && (done == null || done.offset() < endOffset)) {
        return false;
      }
    }
    return records > 0;
  }

  private static Map.Entry<byte[], byte[]> nullKey(final byte[] value) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(null, value);
  }

  private List<Sent> validTraffic(final long base) {
    final List<Sent> sent = new ArrayList<>();
    sent.add(grid(base - 600_000, "DE", 300.0));
    sent.add(grid(base + 15_000, "DE", 500.0));
    for (long t = 0; t <= 30_000; t += 1_000) {
      sent.add(sample("GPU-A", base + t, 300.0));
      sent.add(sample("GPU-B", base + t, 450.0 + t / 1_000.0));
    }
    for (int i = 0; i < 12; i++) {
      final long start = base + 1_000 + i * 2_000L;
      final String gpu = i % 3 == 2 ? null : (i % 2 == 0 ? "GPU-A" : "GPU-B");
      sent.add(request("req-" + i, start, start + 1_500 + i * 300L, gpu, 100 + i));
    }
    return sent;
  }

  private List<Sent> garbage(final List<Sent> valid, final long base, final SplittableRandom r) {
    final List<Sent> garbage = new ArrayList<>();
    for (final String topic : List.of("requests", "gpu", "grid")) {
      for (int i = 0; i < 8; i++) {
        final byte[] noise = new byte[1 + r.nextInt(40)];
        r.nextBytes(noise);
        noise[0] = (byte) (1 + r.nextInt(255)); // never the magic byte
        garbage.add(new Sent(topic, null, noise));
        final byte[] body = new byte[r.nextInt(30)];
        r.nextBytes(body);
        final byte[] unknownId =
            ByteBuffer.allocate(5 + body.length)
                .put((byte) 0)
                .putInt(900_000 + i)
                .put(body)
                .array();
        garbage.add(new Sent(topic, null, unknownId));
      }
      for (final Sent s : valid.stream().filter(v -> v.topic().equals(topic)).limit(6).toList()) {
        garbage.add(
            new Sent(
                topic, s.key(), Arrays.copyOf(s.value(), s.value().length - 1 - r.nextInt(4))));
      }
    }
    for (int i = 0; i < 5; i++) {
      final Sent bad = request("bad-" + i, base + 5_000, base + 6_000, "GPU-A", 10);
      final InferenceRequest negative =
          InferenceRequest.newBuilder(decodeRequest(bad.value())).setOutputTokens(-5 - i).build();
      garbage.add(new Sent("requests", null, encode(negative)));
      final GpuSample nan =
          GpuSample.newBuilder(decodeSample(sample("GPU-A", base + i * 1_000L, 1).value()))
              .setPowerWatts(i % 2 == 0 ? Double.NaN : -1.0)
              .build();
      garbage.add(new Sent("gpu", "GPU-A".getBytes(StandardCharsets.UTF_8), encode(nan)));
      final GridIntensity noZone =
          GridIntensity.newBuilder(decodeGrid(grid(base, "DE", 1).value())).setZone("").build();
      garbage.add(new Sent("grid", null, encode(noZone)));
    }
    // A day ahead of the wall clock (past ingest.maxFutureSkew): a request and a sample.
    final long dayAhead = base + Duration.ofDays(1).toMillis();
    garbage.add(request("future-0", dayAhead, dayAhead + 1_000, "GPU-A", 10));
    garbage.add(sample("GPU-B", dayAhead, 300.0));
    return garbage;
  }

  private Sent request(
      final String id, final long start, final long end, final String gpu, final long tokens) {
    final InferenceRequest r =
        InferenceRequest.newBuilder()
            .setRequestId(id)
            .setModel(LLAMA_8B)
            .setNode("node-1")
            .setZone("DE")
            .setGpuUuids(gpu == null ? List.of() : List.of(gpu))
            .setStartTime(Instant.ofEpochMilli(start))
            .setEndTime(Instant.ofEpochMilli(end))
            .setInputTokens(tokens)
            .setOutputTokens(2 * tokens)
            .build();
    return new Sent("requests", id.getBytes(StandardCharsets.UTF_8), encode(r));
  }

  private Sent sample(final String gpu, final long time, final double watts) {
    final GpuSample s =
        GpuSample.newBuilder()
            .setNode("node-1")
            .setGpuUuid(gpu)
            .setTime(Instant.ofEpochMilli(time))
            .setPowerWatts(watts)
            .build();
    return new Sent("gpu", gpu.getBytes(StandardCharsets.UTF_8), encode(s));
  }

  private Sent grid(final long validFrom, final String zone, final double gramsPerKwh) {
    final GridIntensity g =
        GridIntensity.newBuilder()
            .setZone(zone)
            .setValidFrom(Instant.ofEpochMilli(validFrom))
            .setIntensityGPerKwh(gramsPerKwh)
            .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
            .setEstimated(false)
            .setSource("static")
            .build();
    return new Sent("grid", zone.getBytes(StandardCharsets.UTF_8), encode(g));
  }

  // The subject does not depend on the topic's prefix: TopicNameStrategy on the default names.
  private byte[] encode(final InferenceRequest r) {
    return serdes.avro(InferenceRequest.class).serializer().serialize("inference.requests.v1", r);
  }

  private byte[] encode(final GpuSample s) {
    return serdes.avro(GpuSample.class).serializer().serialize("gpu.metrics.v1", s);
  }

  private byte[] encode(final GridIntensity g) {
    return serdes.avro(GridIntensity.class).serializer().serialize("grid.intensity.v1", g);
  }

  private InferenceRequest decodeRequest(final byte[] b) {
    return serdes.avro(InferenceRequest.class).deserializer().deserialize("x", b);
  }

  private GpuSample decodeSample(final byte[] b) {
    return serdes.avro(GpuSample.class).deserializer().deserialize("x", b);
  }

  private GridIntensity decodeGrid(final byte[] b) {
    return serdes.avro(GridIntensity.class).deserializer().deserialize("x", b);
  }

  private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
    final Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
