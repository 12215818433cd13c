package io.inferenceimpact.topology.estimation;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.TopologySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole topology (default configuration) on a TopologyTestDriver, with helpers to pipe Avro
 * requests and samples at times relative to {@link #T0} (an hour before the wall clock) and to let
 * every slot become final.
 */
final class EstimationDriver implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final long T0 = NOW.toEpochMilli() - 3_600_000;

  final ImpactConfig config = ConfigLoader.defaults();
  private final TopologySerdes serdes = TopologySerdes.inMemory();
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> requests;
  private final TestInputTopic<byte[], byte[]> samples;
  private final TestOutputTopic<String, RequestImpact> impacts;
  private final TestOutputTopic<byte[], byte[]> dlq;

  EstimationDriver(final String stateDir) {
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put("state.dir", "target/tmp/" + stateDir);
    driver = new TopologyTestDriver(ImpactTopology.build(config, serdes), props, NOW);
    final ByteArraySerializer bytes = new ByteArraySerializer();
    requests = driver.createInputTopic(config.topics().inferenceRequests(), bytes, bytes);
    samples = driver.createInputTopic(config.topics().gpuMetrics(), bytes, bytes);
    impacts =
        driver.createOutputTopic(
            config.topics().impactRequests(),
            new StringDeserializer(),
            serdes.avro(RequestImpact.class).deserializer());
    dlq =
        driver.createOutputTopic(
            config.topics().dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A request of {@code model} from {@code T0 + startMillis} to {@code T0 + endMillis}. */
  static InferenceRequest.Builder request(
      final String id, final String model, final long startMillis, final long endMillis) {
    return InferenceRequest.newBuilder()
        .setRequestId(id)
        .setModel(model)
        .setStartTime(Instant.ofEpochMilli(T0 + startMillis))
        .setEndTime(Instant.ofEpochMilli(T0 + endMillis))
        .setInputTokens(100)
        .setOutputTokens(200);
  }

  void pipe(final InferenceRequest request) {
    requests.pipeInput(
        null,
        serdes
            .avro(InferenceRequest.class)
            .serializer()
            .serialize(config.topics().inferenceRequests(), request),
        request.getEndTime().toEpochMilli());
  }

  /** Samples of {@code gpu} on node-1 every second in {@code [fromMillis, toMillis]}. */
  void steady(final String gpu, final long fromMillis, final long toMillis, final double watts) {
    for (long t = fromMillis; t <= toMillis; t += 1000) {
      final GpuSample sample =
          GpuSample.newBuilder()
              .setNode("node-1")
              .setGpuUuid(gpu)
              .setTime(Instant.ofEpochMilli(T0 + t))
              .setPowerWatts(watts)
              .build();
      samples.pipeInput(
          null,
          serdes.avro(GpuSample.class).serializer().serialize(config.topics().gpuMetrics(), sample),
          T0 + t);
    }
  }

  /** Lets quiet GPUs flush, then every slot become final (as the attribution tests do). */
  void finishAll() {
    driver.advanceWallClockTime(config.energy().maxSampleGap().plusSeconds(2));
    driver.advanceWallClockTime(config.energy().grace().plus(Duration.ofMinutes(2)));
  }

  List<RequestImpact> impacts() {
    return impacts.readValuesToList();
  }

  List<TestRecord<byte[], byte[]>> dlq() {
    return dlq.readRecordsToList();
  }

  InferenceRequest decodeRequest(final byte[] bytes) {
    return serdes
        .avro(InferenceRequest.class)
        .deserializer()
        .deserialize(config.topics().inferenceRequests(), bytes);
  }

  /** Sum over tasks of an estimation counter ({@code <name>-total}). */
  double counter(final String name) {
    double sum = 0.0;
    for (final var entry : driver.metrics().entrySet()) {
      final MetricName metric = entry.getKey();
      if (metric.group().equals(EstimationCounter.GROUP) && metric.name().equals(name + "-total")) {
        sum += ((Number) ((Metric) entry.getValue()).metricValue()).doubleValue();
      }
    }
    return sum;
  }

  @Override
  public void close() {
    driver.close();
  }
}
