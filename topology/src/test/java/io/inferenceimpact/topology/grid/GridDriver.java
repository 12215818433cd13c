package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.TopologySerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology on a TopologyTestDriver, with helpers to pipe grid values, GPU samples and
 * requests (in a zone) at times relative to {@link #T0}, a slot boundary an hour before the wall
 * clock, and to let every request become final.
 */
final class GridDriver implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final long T0 = NOW.toEpochMilli() - 3_600_000;

  final ImpactConfig config = ConfigLoader.defaults();
  private final TopologySerdes serdes = TopologySerdes.inMemory();
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> grid;
  private final TestInputTopic<byte[], byte[]> requests;
  private final TestInputTopic<byte[], byte[]> samples;
  private final TestOutputTopic<String, RequestImpact> impacts;
  private final TestOutputTopic<byte[], byte[]> dlq;

  GridDriver(final String stateDir) {
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put("state.dir", "target/tmp/" + stateDir);
    driver = new TopologyTestDriver(ImpactTopology.build(config, serdes), props, NOW);
    final ByteArraySerializer bytes = new ByteArraySerializer();
    grid = driver.createInputTopic(config.topics().gridIntensity(), bytes, bytes);
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

  static GridIntensity intensity(final String zone, final long validFromMillis, final double g) {
    return GridIntensity.newBuilder()
        .setZone(zone)
        .setValidFrom(Instant.ofEpochMilli(T0 + validFromMillis))
        .setIntensityGPerKwh(g)
        .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
        .setEstimated(false)
        .setSource("electricitymaps")
        .build();
  }

  /** Publishes a value as the connectors do: key = zone, timestamp = valid_from. */
  void grid(final GridIntensity value) {
    grid.pipeInput(
        value.getZone().getBytes(StandardCharsets.UTF_8),
        serdes
            .avro(GridIntensity.class)
            .serializer()
            .serialize(config.topics().gridIntensity(), value),
        value.getValidFrom().toEpochMilli());
  }

  /** Samples of {@code gpu} every second in {@code [fromMillis, toMillis]} at constant power. */
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

  void request(
      final String id,
      final String zone,
      final long startMillis,
      final long endMillis,
      final String gpu) {
    final InferenceRequest r =
        InferenceRequest.newBuilder()
            .setRequestId(id)
            .setModel("llama")
            .setNode("node-1")
            .setZone(zone)
            .setGpuUuids(List.of(gpu))
            .setStartTime(Instant.ofEpochMilli(T0 + startMillis))
            .setEndTime(Instant.ofEpochMilli(T0 + endMillis))
            .setInputTokens(100)
            .setOutputTokens(200)
            .build();
    requests.pipeInput(
        null,
        serdes
            .avro(InferenceRequest.class)
            .serializer()
            .serialize(config.topics().inferenceRequests(), r),
        T0 + endMillis);
  }

  /** Lets quiet GPUs flush, then every slot and request become final. */
  void finishAll() {
    driver.advanceWallClockTime(config.energy().maxSampleGap().plusSeconds(2));
    driver.advanceWallClockTime(config.energy().grace().plus(Duration.ofMinutes(2)));
  }

  /** The latest impact of each request id. */
  Map<String, RequestImpact> impacts() {
    final Map<String, RequestImpact> byId = new TreeMap<>();
    impacts.readKeyValuesToList().forEach(kv -> byId.put(kv.key, kv.value));
    return byId;
  }

  TestOutputTopic<byte[], byte[]> dlq() {
    return dlq;
  }

  /** Sum over tasks of a grid counter ({@code <name>-total}). */
  double counter(final String name) {
    double sum = 0.0;
    for (final var entry : driver.metrics().entrySet()) {
      if (entry.getKey().group().equals(GridCounter.GROUP)
          && entry.getKey().name().equals(name + "-total")) {
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
