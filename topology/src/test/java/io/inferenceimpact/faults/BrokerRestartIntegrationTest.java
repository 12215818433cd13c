package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.embedded.TempDirs;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.TopologySerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker goes down and comes back (same port, same data) while {@code impact run} is
 * processing: the application rides it out on its own — the same process, no restart, no manual
 * step — and its results equal the baseline's, none lost, none twice.
 */
class BrokerRestartIntegrationTest {

  @Test
  @Timeout(300)
  void shouldRecoverByItselfWhenTheBrokerRestartsMidStream() throws Exception {
    final FaultScenario scenario = new FaultScenario("broker", 0).allowStalls(15);
    final Path dir = Path.of("target/tmp/faults", scenario.id);
    final Path brokerDir = dir.resolve("broker").toAbsolutePath();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, brokerDir);
    try {
      final String bootstrap = broker.bootstrapServers();
      final String registry = SharedInfrastructure.registry().url();
      scenario.createTopics(broker);
      final Properties props =
          scenario.configProperties(bootstrap, registry, dir.resolve("state"), 0);
      final Results baseline = RunOutputs.replay(scenario, scenario.config(props), dir);
      final TopologySerdes serdes = Infrastructure.serdes(registry);

      try (AppInstance app =
          AppInstance.start(
              "app",
              scenario.writeConfig(props, dir.resolve("app.properties")),
              dir.resolve("app.log"))) {
        app.awaitRunning(Duration.ofSeconds(90));
        scenario.produce(bootstrap, serdes, t -> t < 6_000);
        ConsumedInputs.await(
            bootstrap, scenario.id, scenario.inputTopics(), Duration.ofSeconds(60));
        scenario.produce(bootstrap, serdes, t -> t >= 6_000);

        broker.close();
        broker = EmbeddedKafkaBroker.start(0, brokerDir);
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

        assertThat(
                RunOutputs.differencesFrom(
                    baseline, bootstrap, scenario, serdes, Duration.ofSeconds(150)))
            .isEmpty();
        assertThat(app.isAlive()).as("the same process, never restarted").isTrue();
        assertThat(app.stop(Duration.ofSeconds(60))).isIn(0, AppInstance.SIGTERM_EXIT);
      }
    } finally {
      broker.close();
      TempDirs.deleteRecursively(brokerDir);
    }
  }
}
