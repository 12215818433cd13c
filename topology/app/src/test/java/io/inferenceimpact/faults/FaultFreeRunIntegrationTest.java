package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The baseline of every fault test is the deterministic replay of the scenario; this test proves
 * that baseline equal to a fault-free run of {@code impact run} on the real broker and registry
 * (same input, same configuration, exactly-once), and that every state store of the running
 * topology has its changelog topic (none but the in-memory task-progress stores has logging
 * disabled), which restoration after a crash or a move depends on.
 */
class FaultFreeRunIntegrationTest {

  @Test
  @Timeout(240)
  void shouldProduceExactlyTheReplayResultsOnARealBroker() throws Exception {
    final FaultScenario scenario = new FaultScenario("faultfree", 0);
    final Path dir = Path.of("target/tmp/faults", scenario.id);
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final String registry = SharedInfrastructure.registry().url();
    scenario.createTopics(SharedInfrastructure.broker());
    final Properties props =
        scenario.configProperties(bootstrap, registry, dir.resolve("state-1"), 0);
    final ImpactConfig config = scenario.config(props);
    final Results baseline = RunOutputs.replay(scenario, config, dir);
    assertThat(baseline.requests()).hasSize(scenario.expectedRequests());
    assertThat(baseline.windows()).isNotEmpty();
    assertThat(baseline.duplicateKeys()).isEmpty();
    assertThat(baseline.deadLetters()).isZero();
    final TopologySerdes serdes = Infrastructure.serdes(registry);

    try (AppInstance app =
        AppInstance.start(
            "app-1",
            scenario.writeConfig(props, dir.resolve("app.properties")),
            dir.resolve("app-1.log"))) {
      app.awaitRunning(Duration.ofSeconds(90));
      scenario.produce(bootstrap, serdes, t -> true);
      assertThat(
              RunOutputs.differencesFrom(
                  baseline,
                  bootstrap,
                  scenario,
                  serdes,
                  Duration.ofSeconds(150),
                  () -> AppInstance.stopAll(List.of(app), Duration.ofSeconds(60))))
          .isEmpty();
      assertThat(changelogTopicsMissing(bootstrap, scenario.id, config, serdes)).isEmpty();
    }
  }

  /** Stores of the topology whose {@code <application.id>-<store>-changelog} topic is missing. */
  private static Set<String> changelogTopicsMissing(
      final String bootstrap,
      final String applicationId,
      final ImpactConfig config,
      final TopologySerdes serdes)
      throws Exception {
    final Set<String> stores = new TreeSet<>();
    for (final TopologyDescription.Subtopology sub :
        ImpactTopology.build(config, serdes).describe().subtopologies()) {
      for (final TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          stores.addAll(processor.stores());
          stores.removeAll(ImpactTopology.UNLOGGED_STORES);
        }
      }
    }
    assertThat(stores).as("stores of the topology").isNotEmpty();
    final Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      final Set<String> topics = admin.listTopics().names().get();
      final Set<String> missing = new TreeSet<>();
      for (final String store : stores) {
        if (!topics.contains(applicationId + "-" + store + "-changelog")) {
          missing.add(store);
        }
      }
      return missing;
    }
  }
}
