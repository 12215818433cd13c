package io.inferenceimpact.topology.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.schemas.serde.AvroWireFormatException;
import io.inferenceimpact.testing.PropertyCheck;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.topology.support.TopologySerdes;
import io.inferenceimpact.validation.DlqReason;
import io.inferenceimpact.validation.GpuSampleValidator;
import io.inferenceimpact.validation.GridIntensityValidator;
import io.inferenceimpact.validation.RequestValidator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the decoder and validators with random bytes and mutations of valid records (seeded,
 * bounded): the deserializer either decodes or throws {@link AvroWireFormatException}, validators
 * never throw, and on the whole topology every input ends up exactly once as a valid record, a dead
 * letter with a reason, or a counted duplicate, with no exception out of the processing path.
 */
class IngestFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final long T0 = NOW.toEpochMilli() - 600_000;
  private static final int TRIES = 20_000;

  /** Fewer on the whole topology: each input costs a few milliseconds there. */
  private static final int TOPOLOGY_TRIES = 10_000;

  private static final ImpactConfig CONFIG = ConfigLoader.defaults();
  private static final TopologySerdes SERDES = TopologySerdes.inMemory();
  private static final String REQUESTS = CONFIG.topics().inferenceRequests();
  private static final String SAMPLES = CONFIG.topics().gpuMetrics();
  private static final String GRID = CONFIG.topics().gridIntensity();
  private static final List<String> TOPICS = List.of(REQUESTS, SAMPLES, GRID);
  private static final List<String> DOWNSTREAM_REASONS =
      List.of(DlqReason.LATE.code(), DlqReason.UNESTIMABLE.code());

  /** One fuzzed input: the topic it goes to and its bytes. */
  private record Input(String topic, byte[] value) {
    @Override
    public String toString() {
      return topic + " " + Arrays.toString(value);
    }
  }

  @Test
  void shouldDecodeOrRejectAsUndecodableAndValidateWithoutThrowing() {
    final Map<String, Deserializer<?>> decoders =
        Map.of(
            REQUESTS, SERDES.avro(InferenceRequest.class).deserializer(),
            SAMPLES, SERDES.avro(GpuSample.class).deserializer(),
            GRID, SERDES.avro(GridIntensity.class).deserializer());
    final RequestValidator requests = new RequestValidator(CONFIG.ingest());
    final GpuSampleValidator samples = new GpuSampleValidator(CONFIG.ingest());
    final GridIntensityValidator grid = new GridIntensityValidator(CONFIG.ingest());
    final int[] outcomes = new int[2];

    PropertyCheck.forAll(
        TRIES,
        8_675_309L,
        IngestFuzzTest::input,
        input -> {
          final Object value;
          try {
            value = decoders.get(input.topic()).deserialize(input.topic(), input.value());
          } catch (final AvroWireFormatException undecodable) {
            outcomes[0]++;
            return;
          }
          outcomes[1]++;
          final long now = NOW.toEpochMilli();
          if (value instanceof InferenceRequest r) {
            requests.check(r, now);
          } else if (value instanceof GpuSample s) {
            samples.check(s, now);
          } else {
            grid.check((GridIntensity) value, now);
          }
        });

    // The generator must reach both sides, or it proves little.
    assertThat(outcomes[0]).isGreaterThan(TRIES / 10);
    assertThat(outcomes[1]).isGreaterThan(TRIES / 10);
  }

  @Test
  void shouldRouteEveryFuzzedInputToExactlyOneOutcomeOnTheWholeTopology() {
    final StreamsBuilder builder = new StreamsBuilder();
    final ImpactTopology.Ingested ingested = ImpactTopology.buildOn(builder, CONFIG, SERDES);
    ingested
        .requests()
        .mapValues(r -> "r")
        .to("test.valid", Produced.with(Serdes.String(), Serdes.String()));
    ingested
        .gpuSamples()
        .mapValues(s -> "s")
        .to("test.valid", Produced.with(Serdes.String(), Serdes.String()));
    final Properties props = ImpactTopology.streamsConfig(CONFIG);
    props.put("state.dir", "target/tmp/ingest-fuzz-test");
    final Map<String, Integer> sent = new HashMap<>();
    final Map<String, Integer> dead = new HashMap<>();
    int valid = 0;
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, NOW)) {
      final ByteArraySerializer bytes = new ByteArraySerializer();
      final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
      TOPICS.forEach(t -> inputs.put(t, driver.createInputTopic(t, bytes, bytes)));
      final TestOutputTopic<byte[], byte[]> dlq =
          driver.createOutputTopic(
              CONFIG.topics().dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      final TestOutputTopic<byte[], byte[]> validOut =
          driver.createOutputTopic(
              "test.valid", new ByteArrayDeserializer(), new ByteArrayDeserializer());

      final List<Input> all = new ArrayList<>();
      PropertyCheck.forAll(
          TOPOLOGY_TRIES,
          1_234_567L,
          IngestFuzzTest::input,
          input -> {
            all.add(input);
            // Any exception out of the processing path fails here, with the input reported.
            inputs.get(input.topic()).pipeInput(new TestRecord<>(null, input.value(), null, T0));
            for (final TestRecord<byte[], byte[]> letter : dlq.readRecordsToList()) {
              final String reason = header(letter, DeadLetters.REASON_HEADER);
              assertThat(reason).isNotBlank();
              if (!DOWNSTREAM_REASONS.contains(reason)) {
                assertThat(letter.value()).isEqualTo(input.value());
                assertThat(header(letter, DeadLetters.SOURCE_TOPIC_HEADER))
                    .isEqualTo(input.topic());
                dead.merge(input.topic(), 1, Integer::sum);
              }
            }
          });
      valid += validOut.readRecordsToList().size();
      all.forEach(i -> sent.merge(i.topic(), 1, Integer::sum));
      // Grid values do not reach a test sink: they are counted by what the DLQ did not take.
      final int validGrid = sent.getOrDefault(GRID, 0) - dead.getOrDefault(GRID, 0);
      final double duplicates = counter(driver, DedupProcessor.GROUP, DedupProcessor.COUNTER);

      assertThat(
              valid + duplicates + dead.getOrDefault(REQUESTS, 0) + dead.getOrDefault(SAMPLES, 0))
          .isEqualTo(sent.getOrDefault(REQUESTS, 0) + sent.getOrDefault(SAMPLES, 0));
      assertThat(validGrid).isNotNegative();
      assertThat(valid).isGreaterThan(TOPOLOGY_TRIES / 20);
      assertThat(dead.values().stream().mapToInt(Integer::intValue).sum())
          .isGreaterThan(TOPOLOGY_TRIES / 2);
    }
  }

  // ---- generators --------------------------------------------------------------------------

  private static Input input(final SplittableRandom random) {
    final String topic = PropertyCheck.oneOf(random, REQUESTS, SAMPLES, GRID);
    return new Input(
        topic,
        PropertyCheck.weighted(
            random,
            List.of(
                new PropertyCheck.Weighted<>(1, IngestFuzzTest::randomBytes),
                new PropertyCheck.Weighted<>(2, r -> withHeader(r, randomBytes(r))),
                new PropertyCheck.Weighted<>(2, r -> valueOf(topic, r)),
                new PropertyCheck.Weighted<>(2, r -> cleanValueOf(topic, r)),
                new PropertyCheck.Weighted<>(3, r -> mutate(r, valueOf(topic, r))),
                new PropertyCheck.Weighted<>(3, r -> mutate(r, cleanValueOf(topic, r))))));
  }

  private static byte[] randomBytes(final SplittableRandom random) {
    final byte[] b = new byte[PropertyCheck.intBetween(random, 0, 80)];
    random.nextBytes(b);
    return b;
  }

  /**
   * Random bytes behind a well-formed header naming one of the registered ids or an unknown one.
   */
  private static byte[] withHeader(final SplittableRandom random, final byte[] body) {
    final int id = PropertyCheck.intBetween(random, 0, 5);
    return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
  }

  private static byte[] mutate(final SplittableRandom random, final byte[] valid) {
    final byte[] b = valid.clone();
    return switch (random.nextInt(7)) {
      case 0 -> {
        final int i = random.nextInt(b.length);
        b[i] ^= (byte) (1 << random.nextInt(8));
        yield b;
      }
      case 1 -> {
        for (int n = PropertyCheck.intBetween(random, 1, 4); n > 0; n--) {
          b[5 + random.nextInt(b.length - 5)] = (byte) random.nextInt(256);
        }
        yield b;
      }
      case 2 -> Arrays.copyOf(b, random.nextInt(b.length));
      case 3 -> {
        final byte[] extra = randomBytes(random);
        final byte[] longer = Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, longer, b.length, extra.length);
        yield longer;
      }
      case 4 -> {
        // A long varint (a huge length or count) at a random place of the body.
        final int at = 5 + random.nextInt(b.length - 5);
        final byte[] out = Arrays.copyOf(b, b.length + 5);
        System.arraycopy(b, at, out, at + 5, b.length - at);
        for (int k = 0; k < 4; k++) {
          out[at + k] = (byte) (0x80 | random.nextInt(128));
        }
        out[at + 4] = (byte) random.nextInt(16);
        yield out;
      }
      case 5 -> {
        ByteBuffer.wrap(b).putInt(1, PropertyCheck.intBetween(random, -1, 9_999));
        yield b;
      }
      default -> {
        final int at = 5 + random.nextInt(b.length - 5);
        final byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        yield out;
      }
    };
  }

  private static byte[] valueOf(final String topic, final SplittableRandom random) {
    if (topic.equals(REQUESTS)) {
      return SERDES.avro(InferenceRequest.class).serializer().serialize(topic, request(random));
    }
    if (topic.equals(SAMPLES)) {
      return SERDES.avro(GpuSample.class).serializer().serialize(topic, sample(random));
    }
    return SERDES.avro(GridIntensity.class).serializer().serialize(topic, grid(random));
  }

  /** A valid record: the mutations start from it, and valid records must get through. */
  private static byte[] cleanValueOf(final String topic, final SplittableRandom random) {
    final long time = T0 + random.nextInt(600_000);
    if (topic.equals(REQUESTS)) {
      final InferenceRequest r =
          InferenceRequest.newBuilder(request(random))
              .setRequestId("ok-" + random.nextLong())
              .setModel("meta-llama/Llama-3.1-8B-Instruct")
              .setGpuUuids(List.of(PropertyCheck.oneOf(random, "GPU-A", "GPU-B")))
              .setStartTime(Instant.ofEpochMilli(time - 1_000))
              .setEndTime(Instant.ofEpochMilli(time))
              .setInputTokens(random.nextInt(10_000))
              .setOutputTokens(random.nextInt(10_000))
              .setCachedInputTokens(null)
              .build();
      return SERDES.avro(InferenceRequest.class).serializer().serialize(topic, r);
    }
    if (topic.equals(SAMPLES)) {
      final GpuSample s =
          GpuSample.newBuilder(sample(random))
              .setGpuUuid(PropertyCheck.oneOf(random, "GPU-A", "GPU-B"))
              .setTime(Instant.ofEpochMilli(time))
              .setPowerWatts(random.nextDouble(0, 1_000))
              .setEnergyMillijoulesTotal(null)
              .setUtilizationPercent(null)
              .build();
      return SERDES.avro(GpuSample.class).serializer().serialize(topic, s);
    }
    final GridIntensity g =
        GridIntensity.newBuilder(grid(random))
            .setZone("DE")
            .setValidFrom(Instant.ofEpochMilli(time))
            .setIntensityGPerKwh(random.nextDouble(0, 900))
            .build();
    return SERDES.avro(GridIntensity.class).serializer().serialize(topic, g);
  }

  private static InferenceRequest request(final SplittableRandom random) {
    final long end = time(random);
    final long start = end - PropertyCheck.oneOf(random, 0L, 1_500L, -5L, 7_200_000L);
    return InferenceRequest.newBuilder()
        .setRequestId(PropertyCheck.oneOf(random, "", "r-" + random.nextInt(1_000_000), "r-1"))
        .setModel(
            PropertyCheck.oneOf(random, "", " ", "meta-llama/Llama-3.1-8B-Instruct", "acme/x-1"))
        .setNode(PropertyCheck.oneOf(random, null, "node-1", ""))
        .setGpuUuids(
            PropertyCheck.listOf(
                random, 0, 3, r -> PropertyCheck.oneOf(r, "GPU-A", "GPU-B", "", "GPU-Z")))
        .setZone(PropertyCheck.oneOf(random, null, "DE", "", "ZZ"))
        .setStartTime(Instant.ofEpochMilli(start))
        .setEndTime(Instant.ofEpochMilli(end))
        .setInputTokens(tokens(random))
        .setOutputTokens(tokens(random))
        .setCachedInputTokens(PropertyCheck.oneOf(random, null, 0L, tokens(random)))
        .build();
  }

  private static GpuSample sample(final SplittableRandom random) {
    return GpuSample.newBuilder()
        .setNode("node-1")
        .setGpuUuid(PropertyCheck.oneOf(random, "GPU-A", "GPU-B", ""))
        .setTime(Instant.ofEpochMilli(time(random)))
        .setPowerWatts(
            PropertyCheck.oneOf(
                random, 300.0, 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, 5_001.0, 1e308))
        .setEnergyMillijoulesTotal(PropertyCheck.oneOf(random, null, 0L, -1L, Long.MAX_VALUE))
        .setUtilizationPercent(PropertyCheck.oneOf(random, null, 50.0, 101.0, Double.NaN))
        .build();
  }

  private static GridIntensity grid(final SplittableRandom random) {
    return GridIntensity.newBuilder()
        .setZone(PropertyCheck.oneOf(random, "DE", "", "FR"))
        .setValidFrom(Instant.ofEpochMilli(time(random)))
        .setIntensityGPerKwh(PropertyCheck.oneOf(random, 300.0, -1.0, Double.NaN, 1e308))
        .setEmissionFactorType(io.inferenceimpact.avro.EmissionFactorType.LIFECYCLE)
        .setEstimated(random.nextBoolean())
        .setSource("fuzz")
        .build();
  }

  private static long time(final SplittableRandom random) {
    return PropertyCheck.oneOf(
        random, T0, T0 + random.nextInt(600_000), 0L, NOW.toEpochMilli() + 3_600_000, -1L);
  }

  private static long tokens(final SplittableRandom random) {
    return PropertyCheck.oneOf(
        random,
        0L,
        100L,
        -1L,
        10_000_001L,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        (long) random.nextInt());
  }

  private static String header(final TestRecord<byte[], byte[]> record, final String name) {
    final Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static double counter(
      final TopologyTestDriver driver, final String group, final String name) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals(group) && e.getKey().name().equals(name + "-total"))
        .mapToDouble(e -> ((Number) ((Metric) e.getValue()).metricValue()).doubleValue())
        .sum();
  }
}
