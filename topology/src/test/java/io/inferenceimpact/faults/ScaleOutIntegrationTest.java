package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.TopologySerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One, then two, then three {@code impact run} instances with the same application id (one standby
 * replica each), a second and a third joining while input is being produced and processed, so that
 * tasks move between instances mid-stream. The results must equal the single-instance baseline's
 * exactly: rebalances neither lose nor repeat anything.
 */
class ScaleOutIntegrationTest {

  @Test
  @Timeout(300)
  void shouldGiveTheSameResultsWhenInstancesJoinWhileProcessing() throws Exception {
    final FaultScenario scenario = new FaultScenario("scale", 0).allowStalls(15);
    final Path dir = Path.of("target/tmp/faults", scenario.id);
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final String registry = SharedInfrastructure.registry().url();
    scenario.createTopics(SharedInfrastructure.broker());
    final Results baseline =
        RunOutputs.replay(
            scenario, scenario.config(scenario.configProperties(bootstrap, registry, dir, 1)), dir);
    final TopologySerdes serdes = Infrastructure.serdes(registry);

    try (AppInstance one = start(scenario, dir, 1, bootstrap, registry)) {
      one.awaitRunning(Duration.ofSeconds(90));
      scenario.produce(bootstrap, serdes, t -> t < 4_000);
      ConsumedInputs.await(bootstrap, scenario.id, scenario.inputTopics(), Duration.ofSeconds(60));
      try (AppInstance two = start(scenario, dir, 2, bootstrap, registry)) {
        scenario.produce(bootstrap, serdes, t -> t >= 4_000 && t < 8_000);
        two.awaitRunning(Duration.ofSeconds(90));
        try (AppInstance three = start(scenario, dir, 3, bootstrap, registry)) {
          scenario.produce(bootstrap, serdes, t -> t >= 8_000);
          three.awaitRunning(Duration.ofSeconds(90));
          assertThat(groupMembers(bootstrap, scenario.id)).isEqualTo(3);

          assertThat(
                  RunOutputs.differencesFrom(
                      baseline, bootstrap, scenario, serdes, Duration.ofSeconds(150)))
              .isEmpty();
          for (final AppInstance app : List.of(one, two, three)) {
            assertThat(app.isAlive()).as("instance pid %d alive", app.pid()).isTrue();
          }
        }
      }
    }
  }

  private static AppInstance start(
      final FaultScenario scenario,
      final Path dir,
      final int n,
      final String bootstrap,
      final String registry)
      throws Exception {
    // One state folder per instance: they share a host, as pods on one node would not.
    final Properties props =
        scenario.configProperties(bootstrap, registry, dir.resolve("state-" + n), 1);
    return AppInstance.start(
        "instance-" + n,
        scenario.writeConfig(props, dir.resolve("app-" + n + ".properties")),
        dir.resolve("instance-" + n + ".log"));
  }

  private static int groupMembers(final String bootstrap, final String groupId) throws Exception {
    final Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      return admin
          .describeConsumerGroups(List.of(groupId))
          .describedGroups()
          .get(groupId)
          .get()
          .members()
          .size();
    }
  }
}
