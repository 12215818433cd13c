package io.inferenceimpact.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins the names of every node and the topics of the topology. Renaming a node renames the state
 * and internal topics that hang off it in production: change this list on purpose, never by
 * accident.
 */
class TopologyNamingTest {

  @Test
  void shouldKeepNodeNamesAndTopicsStable() {
    final TopologyDescription description =
        ImpactTopology.build(ConfigLoader.defaults(), TopologySerdes.inMemory()).describe();
    final List<String> nodes = new ArrayList<>();
    final TreeSet<String> topics = new TreeSet<>();
    for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (final TopologyDescription.Node node : sub.nodes()) {
        nodes.add(node.name());
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
            "requests-dlq-sink",
            "requests-rekey",
            "gpu-samples-source",
            "gpu-samples-validate",
            "gpu-samples-route-",
            "gpu-samples-route-valid",
            "gpu-samples-route-invalid",
            "gpu-samples-dlq-original",
            "gpu-samples-dlq-sink",
            "gpu-samples-rekey");
    assertThat(topics).containsExactly("gpu.metrics.v1", "impact.dlq.v1", "inference.requests.v1");
    assertThat(description.globalStores()).isEmpty();
  }
}
