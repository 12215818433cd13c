package io.inferenceimpact.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins the names of every node, store (hence changelog topic) and topic of the topology. Renaming a
 * node or store renames the state and internal topics that hang off it in production: change this
 * list on purpose, never by accident.
 */
class TopologyNamingTest {

  @Test
  void shouldKeepNodeNamesAndTopicsStable() {
    final TopologyDescription description =
        ImpactTopology.build(ConfigLoader.defaults(), TopologySerdes.inMemory()).describe();
    final List<String> nodes = new ArrayList<>();
    final TreeSet<String> topics = new TreeSet<>();
    final TreeSet<String> stores = new TreeSet<>();
    for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (final TopologyDescription.Node node : sub.nodes()) {
        nodes.add(node.name());
        if (node instanceof TopologyDescription.Processor processor) {
          stores.addAll(processor.stores());
        }
        if (node instanceof TopologyDescription.Source source) {
          topics.addAll(source.topicSet());
        } else if (node instanceof TopologyDescription.Sink sink) {
          topics.add(sink.topic());
        }
      }
    }

    assertThat(nodes)
        .containsExactlyInAnyOrder(
            "requests-source",
            "requests-validate",
            "requests-route-",
            "requests-route-valid",
            "requests-route-invalid",
            "requests-dlq-original",
            "requests-dlq-observe",
            "requests-dlq-sink",
            "requests-rekey",
            "requests-stamp",
            "requests-dedup-values",
            "requests-dedup-value",
            "requests-by-id-repartition-filter",
            "requests-by-id-repartition-sink",
            "requests-by-id-repartition-source",
            "requests-dedup",
            "gpu-samples-source",
            "gpu-samples-validate",
            "gpu-samples-route-",
            "gpu-samples-route-valid",
            "gpu-samples-route-invalid",
            "gpu-samples-dlq-original",
            "gpu-samples-dlq-observe",
            "gpu-samples-dlq-sink",
            "gpu-samples-rekey",
            "grid-source",
            "grid-validate",
            "grid-route-",
            "grid-route-valid",
            "grid-route-invalid",
            "grid-dlq-original",
            "grid-dlq-observe",
            "grid-dlq-sink",
            "grid-rekey",
            "grid-observe",
            "grid-intensity-by-zone-repartition-filter",
            "grid-intensity-by-zone-repartition-sink",
            "grid-intensity-by-zone-repartition-source",
            "grid-intensity-table",
            "requests-gpu-route-",
            "requests-gpu-route-measured",
            "requests-gpu-route-unmeasured",
            "requests-unmeasured-value",
            "requests-unmeasured-count",
            "requests-per-gpu",
            "requests-by-gpu-repartition-filter",
            "requests-by-gpu-repartition-sink",
            "requests-by-gpu-repartition-source",
            "requests-by-gpu-event",
            "gpu-samples-stamp",
            "gpu-samples-by-gpu-repartition-filter",
            "gpu-samples-by-gpu-repartition-sink",
            "gpu-samples-by-gpu-repartition-source",
            "gpu-samples-event",
            "attribution-merge",
            "gpu-attribute",
            "attribution-route-",
            "attribution-route-parts",
            "attribution-route-idle",
            "attribution-part-value",
            "attribution-idle-value",
            "request-energy-by-request-repartition-filter",
            "request-energy-by-request-repartition-sink",
            "request-energy-by-request-repartition-source",
            "request-aggregate",
            "request-route-",
            "request-route-attributed",
            "request-route-late",
            "request-impact",
            "request-late-dlq",
            "request-late-dlq-observe",
            "request-late-dlq-sink",
            "estimation-route-",
            "estimation-route-estimable",
            "estimation-route-unestimable",
            "request-estimate",
            "estimation-unestimable-dlq",
            "estimation-unestimable-dlq-observe",
            "estimation-unestimable-dlq-sink",
            "impacts-merge",
            "impacts-by-zone-key",
            "impacts-by-zone-repartition-filter",
            "impacts-by-zone-repartition-sink",
            "impacts-by-zone-repartition-source",
            "impacts-await",
            "impacts-grid-join",
            "impacts-grid-resolve",
            "impacts-by-request",
            "request-impact-observe",
            "request-impact-sink",
            "model-rates-requests",
            "model-rates-idle",
            "idle-by-zone-key",
            "idle-by-zone-repartition-filter",
            "idle-by-zone-repartition-sink",
            "idle-by-zone-repartition-source",
            "idle-grid-join",
            "idle-grid-resolve",
            "model-rates-idle-by-model",
            "model-rates-idle-observe",
            "model-rates-merge",
            "model-rates-by-model-repartition-filter",
            "model-rates-by-model-repartition-sink",
            "model-rates-by-model-repartition-source",
            "model-windows",
            "model-windows-observe",
            "model-rates-sink",
            "alerts-windows-route",
            "alerts-windows-repartition-filter",
            "alerts-windows-repartition-sink",
            "alerts-windows-repartition-source",
            "alerts-window-rules",
            "alerts-grid-serving",
            "alerts-grid-values",
            "alerts-grid-merge",
            "alerts-grid-repartition-filter",
            "alerts-grid-repartition-sink",
            "alerts-grid-repartition-source",
            "alerts-grid-rules",
            "alerts-telemetry-requests",
            "alerts-telemetry-samples",
            "alerts-telemetry-merge",
            "alerts-telemetry-repartition-filter",
            "alerts-telemetry-repartition-sink",
            "alerts-telemetry-repartition-source",
            "alerts-telemetry-rules",
            "alerts-merge-grid",
            "alerts-merge-telemetry",
            "alerts-observe",
            "alerts-sink",
            "requests-progress",
            "request-energy-by-request-marks",
            "grid-intensity-by-zone-mark",
            "impacts-by-zone-mark",
            "impacts-by-zone-marks",
            "idle-by-zone-marks",
            "model-rates-by-model-mark",
            "grid-intensity-by-zone-marks",
            "idle-by-zone-mark",
            "request-energy-by-request-mark",
            "model-rates-by-model-marks");
    assertThat(topics)
        .containsExactly(
            "alerts-grid-repartition",
            "alerts-telemetry-repartition",
            "alerts-windows-repartition",
            "gpu-samples-by-gpu-repartition",
            "gpu.metrics.v1",
            "grid-intensity-by-zone-repartition",
            "grid.intensity.v1",
            "idle-by-zone-repartition",
            "impact.alerts.v1",
            "impact.dlq.v1",
            "impact.model-rates.v1",
            "impact.requests.v1",
            "impacts-by-zone-repartition",
            "inference.requests.v1",
            "model-rates-by-model-repartition",
            "request-energy-by-request-repartition",
            "requests-by-gpu-repartition",
            "requests-by-id-repartition");
    assertThat(stores)
        .containsExactly(
            "alerts-grid-rules",
            "alerts-telemetry-rules",
            "alerts-window-rules",
            "attribution-gpu-models-store",
            "attribution-gpu-zones-store",
            "attribution-horizon-store",
            "attribution-requests-store",
            "attribution-slots-store",
            "attribution-sources-store",
            "gpu-integrator-store",
            "grid-intensity-by-zone-sources-store",
            "grid-intensity-versions",
            "grid-progress-store",
            "grid-values-progress-store",
            "idle-by-zone-sources-store",
            "impacts-by-zone-sources-store",
            "impacts-intensity-wait-store",
            "model-rates-by-model-sources-store",
            "model-windows-closed-store",
            "model-windows-progress-store",
            "model-windows-store",
            "request-energy-aggregate-store",
            "request-energy-by-request-sources-store",
            "request-progress-store",
            "requests-dedup-sources-store",
            "requests-dedup-store");
    assertThat(description.globalStores()).isEmpty();
  }
}
