package io.inferenceimpact.topology.attribution;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * A monotonic counter of one processor instance, registered as a Kafka Streams metric ({@value
 * #GROUP}, name {@code <name>-total}, tagged with the task id), so that it shows up wherever the
 * client's metrics go (and in {@code TopologyTestDriver.metrics()}) until the metrics stage binds
 * them to Prometheus.
 */
public final class StageCounter {
  static final String GROUP = "impact-attribution-metrics";

  private final ProcessingContext context;
  private final Sensor sensor;

  private StageCounter(final ProcessingContext context, final Sensor sensor) {
    this.context = context;
    this.sensor = sensor;
  }

  static StageCounter register(
      final ProcessingContext context, final String name, final String description) {
    return register(context, GROUP, name, description);
  }

  /** As {@link #register(ProcessingContext, String, String)}, in another stage's metric group. */
  public static StageCounter register(
      final ProcessingContext context,
      final String group,
      final String name,
      final String description) {
    final String task = context.taskId().toString();
    final Sensor sensor =
        context.metrics().addSensor("impact." + task + "." + name, Sensor.RecordingLevel.INFO);
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
