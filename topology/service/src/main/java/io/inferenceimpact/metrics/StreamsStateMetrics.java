package io.inferenceimpact.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code impact_streams_state{state}} (1 for the current Kafka Streams state, 0 for the others) and
 * {@code impact_ready} (1 when {@code /ready} answers 200), read from the client at scrape time.
 * The gauges hold the state supplier strongly: Micrometer keeps only a weak reference by default,
 * and nothing else keeps the supplier, so after a garbage collection they would read NaN.
 */
final class StreamsStateMetrics implements MeterBinder {
  private final Supplier<KafkaStreams.State> state;

  StreamsStateMetrics(final Supplier<KafkaStreams.State> state) {
    this.state = state;
  }

  /** Ready: the client is RUNNING, i.e. every task is assigned and its state restored. */
  static boolean ready(final KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING;
  }

  /** Alive: the client has not failed (ERROR or on its way there). */
  static boolean alive(final KafkaStreams.State state) {
    return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
  }

  @Override
  public void bindTo(final MeterRegistry registry) {
    for (final KafkaStreams.State each : KafkaStreams.State.values()) {
      Gauge.builder("impact.streams.state", state, s -> s.get() == each ? 1 : 0)
          .tag("state", each.name())
          .strongReference(true)
          .description("1 for the current Kafka Streams state, 0 for the others")
          .strongReference(true) // nothing else keeps the supplier alive
          .register(registry);
    }
    Gauge.builder("impact.ready", state, s -> ready(s.get()) ? 1 : 0)
        .strongReference(true)
        .description("1 when /ready answers 200: Kafka Streams RUNNING with its state restored")
        .strongReference(true)
        .register(registry);
  }
}
