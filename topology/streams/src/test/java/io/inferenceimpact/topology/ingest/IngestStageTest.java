package io.inferenceimpact.topology.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestStageTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final long T0 = NOW.toEpochMilli() - 60_000;
  private static final TopologySerdes SERDES = TopologySerdes.inMemory();
  private static final Serde<InferenceRequest> REQUESTS = SERDES.avro(InferenceRequest.class);
  private static final Serde<GpuSample> SAMPLES = SERDES.avro(GpuSample.class);

  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> requests;
  private TestInputTopic<byte[], byte[]> samples;
  private TestOutputTopic<byte[], byte[]> dlq;
  private TestOutputTopic<String, String> validRequests;
  private TestOutputTopic<String, String> validSamples;

  @BeforeEach
  void setUp() {
    final ImpactConfig config = ConfigLoader.defaults();
    final StreamsBuilder builder = new StreamsBuilder();
    final ImpactTopology.Ingested ingested = ImpactTopology.buildOn(builder, config, SERDES);
    ingested
        .requests()
        .mapValues(InferenceRequest::getModel)
        .to("test.valid-requests", Produced.with(Serdes.String(), Serdes.String()));
    ingested
        .gpuSamples()
        .mapValues(GpuSample::getNode)
        .to("test.valid-samples", Produced.with(Serdes.String(), Serdes.String()));
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put("state.dir", "target/tmp/ingest-stage-test");
    driver = new TopologyTestDriver(builder.build(), props, NOW);
    requests =
        driver.createInputTopic(
            config.topics().inferenceRequests(),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    samples =
        driver.createInputTopic(
            config.topics().gpuMetrics(), new ByteArraySerializer(), new ByteArraySerializer());
    dlq =
        driver.createOutputTopic(
            config.topics().dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    validRequests =
        driver.createOutputTopic(
            "test.valid-requests", new StringDeserializer(), new StringDeserializer());
    validSamples =
        driver.createOutputTopic(
            "test.valid-samples", new StringDeserializer(), new StringDeserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldPassValidRequestKeyedByIdAtItsEndTime() {
    requests.pipeInput(
        new TestRecord<>(
            "any-key".getBytes(StandardCharsets.UTF_8),
            request("r-1", "llama", 10, 20, T0, T0 + 1500)));

    final TestRecord<String, String> out = validRequests.readRecord();
    assertThat(out.key()).isEqualTo("r-1");
    assertThat(out.value()).isEqualTo("llama");
    assertThat(out.timestamp()).isEqualTo(T0 + 1500);
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldPassValidGpuSampleKeyedByGpu() {
    samples.pipeInput(null, sample("GPU-1", 350.0, T0));

    final TestRecord<String, String> out = validSamples.readRecord();
    assertThat(out.key()).isEqualTo("GPU-1");
    assertThat(out.value()).isEqualTo("node-1");
    assertThat(out.timestamp()).isEqualTo(T0);
    assertThat(dlq.isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "negative-tokens,  r-2, llama, -1, 20, 0, 1000",
    "end-before-start, r-3, llama, 10, 20, 1000, 999",
    "empty-model,      r-4, '',    10, 20, 0, 1000",
    "missing-id,       '',  llama, 10, 20, 0, 1000",
    "future-time,      r-5, llama, 10, 20, 0, 3600000",
    "absurd-tokens,    r-6, llama, 10000001, 20, 0, 1000",
    "absurd-tokens,    r-7, llama, 10, 9223372036854775807, 0, 1000",
    "absurd-duration,  r-8, llama, 10, 20, -7200000, 0",
    "too-old,          r-9, llama, 10, 20, 0, 1000"
  })
  void shouldSendImpossibleRequestToDlqWithReason(
      final String reason,
      final String id,
      final String model,
      final long in,
      final long out,
      final long startOffset,
      final long endOffset) {
    final long base =
        switch (reason) {
          case "future-time" -> NOW.toEpochMilli();
          case "too-old" -> Instant.parse("2019-12-31T23:59:00Z").toEpochMilli();
          default -> T0;
        };
    final byte[] original = request(id, model, in, out, base + startOffset, base + endOffset);
    final RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
    requests.pipeInput(
        new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), original, headers, T0));

    assertDlq(original, reason, "inference.requests.v1");
    assertThat(validRequests.isEmpty()).isTrue();
  }

  @Test
  void shouldSendUndecodableRequestToDlqUnchanged() {
    final byte[] garbage = {0, 0, 0, 0, 7, 42};
    requests.pipeInput(new TestRecord<>(null, garbage, new RecordHeaders(), T0));

    final TestRecord<byte[], byte[]> record =
        assertDlq(garbage, "undecodable", "inference.requests.v1");
    assertThat(record.timestamp()).isEqualTo(T0);
    assertThat(header(record, "impact.dlq.detail")).contains("schema id 7");
  }

  @Test
  void shouldSendWrongMagicByteAndTruncatedAvroToDlq() {
    final byte[] valid = request("r-9", "llama", 10, 20, T0, T0 + 1000);
    final byte[] wrongMagic = valid.clone();
    wrongMagic[0] = 1;
    final byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
    requests.pipeInput(new TestRecord<>(null, wrongMagic, new RecordHeaders(), T0));
    requests.pipeInput(new TestRecord<>(null, truncated, new RecordHeaders(), T0));

    final List<TestRecord<byte[], byte[]>> records = dlq.readRecordsToList();
    assertThat(records).extracting(TestRecord::value).containsExactly(wrongMagic, truncated);
    assertThat(records)
        .allSatisfy(r -> assertThat(header(r, "impact.dlq.reason")).isEqualTo("undecodable"));
    assertThat(header(records.get(0), "impact.dlq.detail")).containsIgnoringCase("magic");
    assertThat(validRequests.isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "{0} W")
  @CsvSource({"NaN", "-5.0", "Infinity", "5000.001", "350000"})
  void shouldSendImpossiblePowerToDlq(final double powerWatts) {
    final byte[] original = sample("GPU-1", powerWatts, T0);
    samples.pipeInput(new TestRecord<>(null, original, new RecordHeaders(), T0));

    assertDlq(original, "invalid-power", "gpu.metrics.v1");
    assertThat(validSamples.isEmpty()).isTrue();
  }

  @Test
  void shouldSendFutureSampleToDlq() {
    final byte[] original = sample("GPU-1", 300, NOW.toEpochMilli() + 3_600_000);
    samples.pipeInput(new TestRecord<>(null, original, new RecordHeaders(), T0));

    assertDlq(original, "future-time", "gpu.metrics.v1");
  }

  @Test
  void shouldAcceptPowerAtTheLimitAndAMaximalRequest() {
    samples.pipeInput(new TestRecord<>(null, sample("GPU-1", 5000.0, T0), new RecordHeaders(), T0));
    requests.pipeInput(
        new TestRecord<>(
            null,
            request("r-max", "llama", 10_000_000, 10_000_000, T0 - 3_600_000, T0),
            new RecordHeaders(),
            T0));

    assertThat(validSamples.readValuesToList()).hasSize(1);
    assertThat(validRequests.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly("r-max");
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldSendARequestNamingABlankOrTooManyGpusToDlq() {
    final InferenceRequest valid = decode(request("r-g", "llama", 1, 1, T0, T0 + 1));
    final byte[] blank =
        encode(InferenceRequest.newBuilder(valid).setGpuUuids(List.of("GPU-1", " ")).build());
    final byte[] many =
        encode(
            InferenceRequest.newBuilder(valid)
                .setGpuUuids(
                    java.util.stream.IntStream.range(0, 257).mapToObj(i -> "GPU-" + i).toList())
                .build());
    requests.pipeInput(new TestRecord<>(null, blank, new RecordHeaders(), T0));
    assertDlq(blank, "invalid-gpus", "inference.requests.v1");
    requests.pipeInput(new TestRecord<>(null, many, new RecordHeaders(), T0));
    assertDlq(many, "invalid-gpus", "inference.requests.v1");
  }

  private static InferenceRequest decode(final byte[] bytes) {
    return REQUESTS.deserializer().deserialize("inference.requests.v1", bytes);
  }

  private static byte[] encode(final InferenceRequest request) {
    return REQUESTS.serializer().serialize("inference.requests.v1", request);
  }

  @Test
  void shouldSendSampleBeforeTheMinimumEventTimeToDlq() {
    final byte[] zeroTime = sample("GPU-1", 300, 0);
    samples.pipeInput(new TestRecord<>(null, zeroTime, new RecordHeaders(), T0));

    assertDlq(zeroTime, "too-old", "gpu.metrics.v1");
  }

  @Test
  void shouldSendARecordOfAnotherTypeToDlqAsUndecodable() {
    // A GPU sample produced to the requests topic by mistake: its schema cannot be read as ours.
    final byte[] sample = sample("GPU-1", 300, T0);
    requests.pipeInput(new TestRecord<>(null, sample, new RecordHeaders(), T0));

    final TestRecord<byte[], byte[]> record =
        assertDlq(sample, "undecodable", "inference.requests.v1");
    assertThat(header(record, "impact.dlq.detail")).contains("cannot be read as");
  }

  private TestRecord<byte[], byte[]> assertDlq(
      final byte[] original, final String reason, final String topic) {
    final List<TestRecord<byte[], byte[]>> records = dlq.readRecordsToList();
    assertThat(records).hasSize(1);
    final TestRecord<byte[], byte[]> record = records.get(0);
    assertThat(record.value()).isEqualTo(original);
    assertThat(header(record, "impact.dlq.reason")).isEqualTo(reason);
    assertThat(header(record, "impact.dlq.source.topic")).isEqualTo(topic);
    return record;
  }

  private static String header(final TestRecord<byte[], byte[]> record, final String name) {
    final Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] request(
      final String id,
      final String model,
      final long in,
      final long out,
      final long start,
      final long end) {
    final InferenceRequest request =
        InferenceRequest.newBuilder()
            .setRequestId(id)
            .setModel(model)
            .setDeployment("d")
            .setNode("node-1")
            .setGpuUuids(List.of("GPU-1"))
            .setStartTime(Instant.ofEpochMilli(start))
            .setEndTime(Instant.ofEpochMilli(end))
            .setInputTokens(in)
            .setOutputTokens(out)
            .setCachedInputTokens(0L)
            .build();
    return REQUESTS.serializer().serialize("inference.requests.v1", request);
  }

  private static byte[] sample(final String gpu, final double powerWatts, final long time) {
    final GpuSample sample =
        GpuSample.newBuilder()
            .setNode("node-1")
            .setGpuUuid(gpu)
            .setGpuModel("H100")
            .setTime(Instant.ofEpochMilli(time))
            .setPowerWatts(powerWatts)
            .setEnergyMillijoulesTotal(1000L)
            .build();
    return SAMPLES.serializer().serialize("gpu.metrics.v1", sample);
  }
}
