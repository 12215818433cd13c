package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.JsonSerde;
import io.inferenceimpact.topology.support.StageCounter;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The whole topology on a TopologyTestDriver, with helpers to pipe Avro requests and samples at
 * explicit event times (relative to {@link #T0}, a slot boundary an hour before the driver's wall
 * clock) and to let every slot and request become final.
 */
final class AttributionDriver implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final long T0 = NOW.toEpochMilli() - 3_600_000;
  static final String IDLE_TOPIC = "test.idle-energy";
  static final String MEASURED_TOPIC = "test.measured-energy";

  final ImpactConfig config = ConfigLoader.defaults();
  private final TopologySerdes serdes = TopologySerdes.inMemory();
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> requests;
  private final TestInputTopic<byte[], byte[]> samples;
  private final TestOutputTopic<String, RequestImpact> impacts;
  private final TestOutputTopic<String, IdleEnergy> idle;
  private final TestOutputTopic<String, MeasuredRequestEnergy> measured;
  private final TestOutputTopic<byte[], byte[]> dlq;

  AttributionDriver(final String stateDir) {
    final StreamsBuilder builder = new StreamsBuilder();
    final ImpactTopology.Ingested ingested = ImpactTopology.buildOn(builder, config, serdes);
    ingested
        .attribution()
        .idleEnergy()
        .to(IDLE_TOPIC, Produced.with(Serdes.String(), new JsonSerde<>(IdleEnergy.class)));
    ingested
        .attribution()
        .measuredRequests()
        .to(
            MEASURED_TOPIC,
            Produced.with(Serdes.String(), new JsonSerde<>(MeasuredRequestEnergy.class)));
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put("state.dir", "target/tmp/" + stateDir);
    driver = new TopologyTestDriver(builder.build(), props, NOW);
    final ByteArraySerializer bytes = new ByteArraySerializer();
    requests = driver.createInputTopic(config.topics().inferenceRequests(), bytes, bytes);
    samples = driver.createInputTopic(config.topics().gpuMetrics(), bytes, bytes);
    impacts =
        driver.createOutputTopic(
            config.topics().impactRequests(),
            new StringDeserializer(),
            serdes.avro(RequestImpact.class).deserializer());
    idle =
        driver.createOutputTopic(
            IDLE_TOPIC, new StringDeserializer(), new JsonSerde<>(IdleEnergy.class).deserializer());
    measured =
        driver.createOutputTopic(
            MEASURED_TOPIC,
            new StringDeserializer(),
            new JsonSerde<>(MeasuredRequestEnergy.class).deserializer());
    dlq =
        driver.createOutputTopic(
            config.topics().dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A sample of {@code gpu} on node-1 at {@code T0 + atMillis}; {@code counterMj} may be null. */
  void sample(final String gpu, final long atMillis, final double watts, final Long counterMj) {
    final GpuSample sample =
        GpuSample.newBuilder()
            .setNode("node-1")
            .setGpuUuid(gpu)
            .setTime(Instant.ofEpochMilli(T0 + atMillis))
            .setPowerWatts(watts)
            .setEnergyMillijoulesTotal(counterMj)
            .build();
    samples.pipeInput(
        null,
        serdes.avro(GpuSample.class).serializer().serialize(config.topics().gpuMetrics(), sample),
        T0 + atMillis);
  }

  /** Samples every second in {@code [fromMillis, toMillis]} at constant power, no counter. */
  void steady(final String gpu, final long fromMillis, final long toMillis, final double watts) {
    for (long t = fromMillis; t <= toMillis; t += 1000) {
      sample(gpu, t, watts, null);
    }
  }

  void request(
      final String id,
      final String model,
      final long startMillis,
      final long endMillis,
      final String... gpus) {
    requests.pipeInput(null, encode(requestOf(id, model, startMillis, endMillis, gpus)), T0);
  }

  static InferenceRequest requestOf(
      final String id,
      final String model,
      final long startMillis,
      final long endMillis,
      final String... gpus) {
    return InferenceRequest.newBuilder()
        .setRequestId(id)
        .setModel(model)
        .setNode("node-1")
        .setGpuUuids(List.of(gpus))
        .setStartTime(Instant.ofEpochMilli(T0 + startMillis))
        .setEndTime(Instant.ofEpochMilli(T0 + endMillis))
        .setInputTokens(100)
        .setOutputTokens(200)
        .build();
  }

  byte[] encode(final InferenceRequest request) {
    return serdes
        .avro(InferenceRequest.class)
        .serializer()
        .serialize(config.topics().inferenceRequests(), request);
  }

  InferenceRequest decodeRequest(final byte[] bytes) {
    return serdes
        .avro(InferenceRequest.class)
        .deserializer()
        .deserialize(config.topics().inferenceRequests(), bytes);
  }

  /** Lets quiet GPUs flush (> maxSampleGap of wall clock), then every slot become final. */
  void finishAll() {
    driver.advanceWallClockTime(config.energy().maxSampleGap().plusSeconds(2));
    driver.advanceWallClockTime(config.energy().grace().plus(Duration.ofMinutes(2)));
  }

  void advanceWallClock(final Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  List<RequestImpact> impacts() {
    return impacts.readValuesToList();
  }

  List<IdleEnergy> idle() {
    return idle.readValuesToList();
  }

  /** The measured part of each request, before the estimate of any unmeasured share is added. */
  List<MeasuredRequestEnergy> measured() {
    return measured.readValuesToList();
  }

  TestOutputTopic<byte[], byte[]> dlq() {
    return dlq;
  }

  /** Sum over tasks of an attribution counter ({@code <name>-total}). */
  double counter(final String name) {
    double sum = 0.0;
    for (final var entry : driver.metrics().entrySet()) {
      final MetricName metric = entry.getKey();
      if (metric.group().equals(StageCounter.ATTRIBUTION)
          && metric.name().equals(name + "-total")) {
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
