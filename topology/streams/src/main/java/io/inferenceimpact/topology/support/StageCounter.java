package io.inferenceimpact.topology.support;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The one counter of every stage: a monotonic count of one processor instance, registered as a
 * Kafka Streams metric (name {@code <name>-total} in the stage's group, tagged with the task id),
 * so that it shows up wherever the client's metrics go (and in {@code
 * TopologyTestDriver.metrics()}) and the metrics module binds every stage's counters alike.
 */
public final class StageCounter {
  /** Ingest: validation and request deduplication. */
  public static final String INGEST = "impact-ingest-metrics";

  /** Attribution of measured energy. */
  public static final String ATTRIBUTION = "impact-attribution-metrics";

  /** Estimation of unmeasured energy. */
  public static final String ESTIMATION = "impact-estimation-metrics";

  /** The grid join. */
  public static final String GRID = "impact-grid-metrics";

  /** The model windows. */
  public static final String WINDOWS = "impact-window-metrics";

  private final ProcessingContext context;
  private final Sensor sensor;

  private StageCounter(final ProcessingContext context, final Sensor sensor) {
    this.context = context;
    this.sensor = sensor;
  }

  /** A counter {@code <name>-total} in {@code group}, for the processor of {@code context}. */
  public static StageCounter register(
      final ProcessingContext context,
      final String group,
      final String name,
      final String description) {
    final String task = context.taskId().toString();
    final Sensor sensor =
        context
            .metrics()
            .addSensor("impact." + group + "." + task + "." + name, Sensor.RecordingLevel.INFO);
    sensor.add(
        new MetricName(name + "-total", group, description, Map.of("task-id", task)),
        new CumulativeSum());
    return new StageCounter(context, sensor);
  }

  public void increment() {
    sensor.record(1.0);
  }

  public void close() {
    context.metrics().removeSensor(sensor);
  }
}
