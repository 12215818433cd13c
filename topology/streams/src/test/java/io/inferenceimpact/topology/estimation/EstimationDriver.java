package io.inferenceimpact.topology.estimation;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.testing.WholeTopologyDriver;
import io.inferenceimpact.topology.support.StageCounter;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole topology ({@link WholeTopologyDriver}) with the helpers of the estimation tests:
 * requests of a model at times relative to {@link #T0}, impacts as a list, estimation counters.
 */
final class EstimationDriver implements AutoCloseable {
  static final long T0 = WholeTopologyDriver.T0;

  private final WholeTopologyDriver driver;

  EstimationDriver(final String stateDir) {
    driver = new WholeTopologyDriver(stateDir);
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
    driver.pipe(request);
  }

  /** Samples of {@code gpu} on node-1 every second in {@code [fromMillis, toMillis]}. */
  void steady(final String gpu, final long fromMillis, final long toMillis, final double watts) {
    driver.steady(gpu, fromMillis, toMillis, watts);
  }

  /** Lets quiet GPUs flush, then every slot become final (as the attribution tests do). */
  void finishAll() {
    driver.finishAll();
  }

  /** The impacts so far, once held ESTIMATED requests went on ({@code zones.intensityWait}). */
  List<RequestImpact> impacts() {
    driver.awaitIntensity();
    return driver.impacts().readValuesToList();
  }

  List<TestRecord<byte[], byte[]>> dlq() {
    return driver.dlq().readRecordsToList();
  }

  InferenceRequest decodeRequest(final byte[] bytes) {
    return driver.decodeRequest(bytes);
  }

  /** Sum over tasks of an estimation counter ({@code <name>-total}). */
  double counter(final String name) {
    return driver.counter(StageCounter.ESTIMATION, name);
  }

  @Override
  public void close() {
    driver.close();
  }
}
