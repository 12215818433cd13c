package io.inferenceimpact.topology.estimation;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * A monotonic counter of one estimation processor instance, registered as a Kafka Streams metric
 * ({@value #GROUP}, name {@code <name>-total}, tagged with the task id), the same way the
 * attribution stage counts, so that the metrics stage can bind both alike.
 */
final class EstimationCounter {
  static final String GROUP = "impact-estimation-metrics";

  private final ProcessingContext context;
  private final Sensor sensor;

  private EstimationCounter(final ProcessingContext context, final Sensor sensor) {
    this.context = context;
    this.sensor = sensor;
  }

  static EstimationCounter register(
      final ProcessingContext context, final String name, final String description) {
    final String task = context.taskId().toString();
    final Sensor sensor =
        context
            .metrics()
            .addSensor("impact.estimation." + task + "." + name, Sensor.RecordingLevel.INFO);
    sensor.add(
        new MetricName(name + "-total", GROUP, description, Map.of("task-id", task)),
        new CumulativeSum());
    return new EstimationCounter(context, sensor);
  }

  void increment() {
    sensor.record(1.0);
  }

  void close() {
    context.metrics().removeSensor(sensor);
  }
}
