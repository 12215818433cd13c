package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * Every state store of the topology but the in-memory task-progress stores ({@link
 * ImpactTopology#UNLOGGED_STORES}) is built with change logging, so that its state survives a lost
 * disk or a move to another instance: each store's wrapper chain (as Kafka Streams builds it from
 * the store builders) holds a change-logging layer. The real-broker counterpart, that every store's
 * changelog topic exists, is in {@link FaultFreeRunIntegrationTest}.
 */
class ChangelogCoverageTest {

  @Test
  void shouldLogEveryStateStoreToAChangelog() {
    final ImpactConfig config = ConfigLoader.defaults();
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put("state.dir", "target/tmp/changelog-coverage");
    final Map<String, List<String>> layers = new TreeMap<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(ImpactTopology.build(config, TopologySerdes.inMemory()), props)) {
      for (final Map.Entry<String, StateStore> store : driver.getAllStateStores().entrySet()) {
        final List<String> chain = new ArrayList<>();
        StateStore layer = store.getValue();
        while (layer != null) {
          chain.add(layer.getClass().getSimpleName());
          layer = layer instanceof WrappedStateStore<?, ?, ?> wrapped ? wrapped.wrapped() : null;
        }
        layers.put(store.getKey(), chain);
      }
    }

    assertThat(layers).hasSizeGreaterThanOrEqualTo(8);
    // The task-progress stores are in memory on purpose (rebuilt from logged stores at start).
    assertThat(layers).containsKeys(ImpactTopology.UNLOGGED_STORES.toArray(String[]::new));
    ImpactTopology.UNLOGGED_STORES.forEach(
        store -> assertThat(layers.remove(store)).contains("InMemoryKeyValueStore"));
    assertThat(layers)
        .allSatisfy(
            (store, chain) ->
                assertThat(chain)
                    .as("layers of store %s", store)
                    .anyMatch(name -> name.startsWith("ChangeLogging")));
  }
}
