package io.inferenceimpact.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.ref.WeakReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The state gauges keep reading the client after a garbage collection: the service binds them with
 * a supplier that nothing else references, and Micrometer holds gauge state weakly unless told
 * otherwise (they read NaN in a real Prometheus before the fix).
 */
class StreamsStateMetricsReferenceTest {

  @Test
  void shouldStillReadTheStateAfterTheSupplierIsCollectable() {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      final WeakReference<Supplier<KafkaStreams.State>> collectable = bind(registry);
      for (int i = 0; i < 5 && collectable.get() != null; i++) {
        System.gc();
      }

      assertThat(collectable.get()).as("the registry still holds the supplier").isNotNull();
      assertThat(registry.scrape())
          .contains("impact_ready 1.0")
          .contains("impact_streams_state{state=\"RUNNING\"} 1.0");
    } finally {
      registry.close();
    }
  }

  private static WeakReference<Supplier<KafkaStreams.State>> bind(
      final PrometheusMeterRegistry registry) {
    // A capturing lambda: a fresh object that only the gauges reference (a non-capturing one is a
    // cached constant that is never collected).
    final KafkaStreams.State[] current = {KafkaStreams.State.RUNNING};
    final Supplier<KafkaStreams.State> state = () -> current[0];
    new StreamsStateMetrics(state).bindTo(registry);
    return new WeakReference<>(state);
  }
}
