package io.inferenceimpact.testing;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology (default configuration) on a TopologyTestDriver, fed Avro bytes as producers
 * send them: requests, GPU samples and grid values at times relative to {@link #T0} (a slot
 * boundary an hour before the wall clock), with a way to let every slot and request become final.
 * Stage tests wrap it with the helpers of their own scenario.
 */
public final class WholeTopologyDriver implements AutoCloseable {
  public static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  public static final long T0 = NOW.toEpochMilli() - 3_600_000;

  private final ImpactConfig config;
  private final TopologySerdes serdes = TopologySerdes.inMemory();
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> requests;
  private final TestInputTopic<byte[], byte[]> samples;
  private final TestInputTopic<byte[], byte[]> grid;

  /** Step of the long waits: enough punctuations for the marks to cross every repartition. */
  private static final Duration COARSE_STEP = Duration.ofSeconds(5);

  private final TestOutputTopic<String, RequestImpact> impacts;
  private final TestOutputTopic<byte[], byte[]> dlq;
  private final TestOutputTopic<String, ModelImpactWindow> windows;

  /**
   * @param stateDir a folder name under target/tmp of this test alone
   */
  public WholeTopologyDriver(final String stateDir) {
    this(stateDir, ConfigLoader.defaults());
  }

  /**
   * @param stateDir a folder name under target/tmp of this test alone
   * @param config the configuration to build the topology with
   */
  public WholeTopologyDriver(final String stateDir, final ImpactConfig config) {
    this.config = config;
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put("state.dir", "target/tmp/" + stateDir);
    driver = new TopologyTestDriver(ImpactTopology.build(config, serdes), props, NOW);
    final ByteArraySerializer bytes = new ByteArraySerializer();
    requests = driver.createInputTopic(config.topics().inferenceRequests(), bytes, bytes);
    samples = driver.createInputTopic(config.topics().gpuMetrics(), bytes, bytes);
    grid = driver.createInputTopic(config.topics().gridIntensity(), bytes, bytes);
    impacts =
        driver.createOutputTopic(
            config.topics().impactRequests(),
            new StringDeserializer(),
            serdes.avro(RequestImpact.class).deserializer());
    dlq =
        driver.createOutputTopic(
            config.topics().dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    windows =
        driver.createOutputTopic(
            config.topics().modelRates(),
            new StringDeserializer(),
            serdes.avro(ModelImpactWindow.class).deserializer());
  }

  public ImpactConfig config() {
    return config;
  }

  /** A request as a producer sends it: no key, stamped with its end time. */
  public void pipe(final InferenceRequest request) {
    requests.pipeInput(
        null,
        serdes
            .avro(InferenceRequest.class)
            .serializer()
            .serialize(config.topics().inferenceRequests(), request),
        request.getEndTime().toEpochMilli());
  }

  /** A request's bytes as a producer would send them (Confluent wire format). */
  public byte[] encode(final InferenceRequest request) {
    return serdes
        .avro(InferenceRequest.class)
        .serializer()
        .serialize(config.topics().inferenceRequests(), request);
  }

  /** Any bytes on the requests topic (no key), stamped {@code timestamp}. */
  public void pipeRequestBytes(final byte[] value, final long timestamp) {
    requests.pipeInput(null, value, timestamp);
  }

  /** A grid value as the connectors publish it: key = zone, timestamp = valid_from. */
  public void pipe(final GridIntensity value) {
    pipe(value, value.getValidFrom().toEpochMilli());
  }

  /** A grid value keyed by zone with the record timestamp {@code timestamp}. */
  public void pipe(final GridIntensity value, final long timestamp) {
    grid.pipeInput(
        value.getZone().getBytes(StandardCharsets.UTF_8),
        serdes
            .avro(GridIntensity.class)
            .serializer()
            .serialize(config.topics().gridIntensity(), value),
        timestamp);
  }

  /** Samples of {@code gpu} on node-1 every second in {@code [fromMillis, toMillis]} after T0. */
  public void steady(
      final String gpu, final long fromMillis, final long toMillis, final double watts) {
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

  /** Lets quiet GPUs flush, then every slot and request become final. */
  public void finishAll() {
    advance(driver, config.energy().maxSampleGap().plusSeconds(2), COARSE_STEP);
    advance(driver, config.energy().grace().plus(Duration.ofMinutes(2)), COARSE_STEP);
  }

  /**
   * Moves the driver's wall clock by {@code by} in steps of a second, firing the wall-clock
   * punctuators due at each step, as a running application would: progress marks cross one
   * repartition per punctuation.
   */
  public void advanceWallClock(final Duration by) {
    advance(driver, by, Duration.ofSeconds(1));
  }

  /**
   * Moves {@code driver}'s wall clock by {@code by} in steps of at most {@code step} (at most a few
   * seconds where results are awaited, so that each repartition's marks have a punctuation).
   */
  public static void advance(
      final TopologyTestDriver driver, final Duration by, final Duration step) {
    long left = by.toMillis();
    while (left > 0) {
      final long millis = Math.min(step.toMillis(), left);
      driver.advanceWallClockTime(Duration.ofMillis(millis));
      left -= millis;
    }
  }

  /**
   * Moves the wall clock past {@code zones.intensityWait}, so that ESTIMATED requests held for
   * their grid values go on (a quiet stream's flush).
   */
  public void awaitIntensity() {
    advance(driver, config.zones().intensityWait().plusSeconds(10), COARSE_STEP);
  }

  public TestOutputTopic<String, RequestImpact> impacts() {
    return impacts;
  }

  /** Final model windows ({@code impact.model-rates.v1}). */
  public TestOutputTopic<String, ModelImpactWindow> windows() {
    return windows;
  }

  /**
   * Moves the wall clock past the window grace and the intensity wait, so that every open window is
   * emitted.
   */
  public void closeWindows() {
    advance(
        driver,
        config
            .windows()
            .size()
            .plus(config.windows().grace())
            .plus(config.zones().intensityWait())
            .plus(Duration.ofMinutes(1)),
        COARSE_STEP);
  }

  public TestOutputTopic<byte[], byte[]> dlq() {
    return dlq;
  }

  public InferenceRequest decodeRequest(final byte[] bytes) {
    return serdes
        .avro(InferenceRequest.class)
        .deserializer()
        .deserialize(config.topics().inferenceRequests(), bytes);
  }

  /** Sum over tasks of a stage counter {@code <name>-total} in metric group {@code group}. */
  public double counter(final String group, final String name) {
    double sum = 0.0;
    for (final var entry : driver.metrics().entrySet()) {
      if (entry.getKey().group().equals(group) && entry.getKey().name().equals(name + "-total")) {
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
