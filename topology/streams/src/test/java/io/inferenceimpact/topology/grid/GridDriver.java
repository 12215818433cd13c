package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.testing.WholeTopologyDriver;
import io.inferenceimpact.topology.support.StageCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * The whole topology ({@link WholeTopologyDriver}) with the helpers of the grid tests: grid values,
 * requests in a zone at times relative to {@link #T0}, the latest impact per request, grid
 * counters.
 */
final class GridDriver implements AutoCloseable {
  static final long T0 = WholeTopologyDriver.T0;

  private final WholeTopologyDriver driver;

  GridDriver(final String stateDir) {
    driver = new WholeTopologyDriver(stateDir);
  }

  GridDriver(final String stateDir, final ImpactConfig config) {
    driver = new WholeTopologyDriver(stateDir, config);
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

  /** The instant {@code millis} after {@link #T0}. */
  static Instant at(final long millis) {
    return Instant.ofEpochMilli(T0 + millis);
  }

  /** Publishes a value as the connectors do: key = zone, timestamp = valid_from. */
  void grid(final GridIntensity value) {
    driver.pipe(value);
  }

  /** A grid value with the record timestamp {@code timestamp} (not its valid_from). */
  void grid(final GridIntensity value, final long timestamp) {
    driver.pipe(value, timestamp);
  }

  /** Samples of {@code gpu} every second in {@code [fromMillis, toMillis]} at constant power. */
  void steady(final String gpu, final long fromMillis, final long toMillis, final double watts) {
    driver.steady(gpu, fromMillis, toMillis, watts);
  }

  void request(
      final String id,
      final String zone,
      final long startMillis,
      final long endMillis,
      final String gpu) {
    driver.pipe(
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
            .build());
  }

  /** A request without GPU telemetry (estimated) of a model in the catalog. */
  void estimated(final String id, final String zone, final long startMillis, final long endMillis) {
    driver.pipe(
        InferenceRequest.newBuilder()
            .setRequestId(id)
            .setModel("meta-llama/Llama-3.1-8B-Instruct")
            .setZone(zone)
            .setStartTime(Instant.ofEpochMilli(T0 + startMillis))
            .setEndTime(Instant.ofEpochMilli(T0 + endMillis))
            .setInputTokens(100)
            .setOutputTokens(200)
            .build());
  }

  /** Moves the wall clock by {@code by} with no input (a quiet stream). */
  void advanceWallClock(final Duration by) {
    driver.advanceWallClock(by);
  }

  /** Lets quiet GPUs flush, then every slot and request become final. */
  void finishAll() {
    driver.finishAll();
  }

  /** The latest impact of each request id. */
  Map<String, RequestImpact> impacts() {
    final Map<String, RequestImpact> byId = new TreeMap<>();
    driver.impacts().readKeyValuesToList().forEach(kv -> byId.put(kv.key, kv.value));
    return byId;
  }

  TestOutputTopic<byte[], byte[]> dlq() {
    return driver.dlq();
  }

  /** Sum over tasks of a grid counter ({@code <name>-total}). */
  double counter(final String name) {
    return driver.counter(StageCounter.GRID, name);
  }

  @Override
  public void close() {
    driver.close();
  }
}
