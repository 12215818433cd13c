package io.inferenceimpact.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** impact_streams_state and impact_ready follow the client's state at scrape time. */
class StreamsStateMetricsTest {

  @Test
  void shouldShowOneForTheCurrentStateAndReadyOnlyWhileRunning() {
    final AtomicReference<KafkaStreams.State> state =
        new AtomicReference<>(KafkaStreams.State.REBALANCING);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      new StreamsStateMetrics(state::get).bindTo(registry);

      final String rebalancing = registry.scrape();
      state.set(KafkaStreams.State.RUNNING);
      final String running = registry.scrape();

      assertThat(rebalancing)
          .contains("impact_streams_state{state=\"REBALANCING\"} 1.0")
          .contains("impact_streams_state{state=\"RUNNING\"} 0.0")
          .contains("impact_ready 0.0");
      assertThat(running)
          .contains("impact_streams_state{state=\"REBALANCING\"} 0.0")
          .contains("impact_streams_state{state=\"RUNNING\"} 1.0")
          .contains("impact_ready 1.0");
    } finally {
      registry.close();
    }
  }

  @Test
  void shouldKeepReadingTheStateAfterGarbageCollection() {
    final AtomicReference<KafkaStreams.State> state =
        new AtomicReference<>(KafkaStreams.State.RUNNING);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      // The supplier is referenced by nothing but the gauges (as with StreamsRuntime's client).
      new StreamsStateMetrics(() -> state.get()).bindTo(registry);
      for (int i = 0; i < 3; i++) {
        System.gc();
      }

      assertThat(registry.scrape()).contains("impact_ready 1.0");
    } finally {
      registry.close();
    }
  }
}
