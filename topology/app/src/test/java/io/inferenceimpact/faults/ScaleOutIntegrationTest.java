package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One, then two, then three {@code impact run} instances with the same application id (one standby
 * replica each), a second and a third joining while input is being produced and processed, so that
 * tasks move between instances mid-stream. The move is checked: all three members of the
 * application's consumer group hold input partitions, and the second instance restored stores from
 * changelog records the first had written. The results must equal the single-instance baseline's
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
          awaitPartitionsOnEveryMember(bootstrap, scenario.id, 3, Duration.ofSeconds(60));
          assertThat(two.logText())
              .as("the second instance rebuilt moved tasks' stores from their changelogs")
              .containsPattern("Restored store \\S+ from changelog \\S+: [1-9][0-9]* records");

          assertThat(
                  RunOutputs.differencesFrom(
                      baseline,
                      bootstrap,
                      scenario,
                      serdes,
                      Duration.ofSeconds(150),
                      () -> {
                        for (final AppInstance app : List.of(one, two, three)) {
                          assertThat(app.isAlive()).as("instance pid %d alive", app.pid()).isTrue();
                        }
                        AppInstance.stopAll(List.of(one, two, three), Duration.ofSeconds(90));
                      }))
              .isEmpty();
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

  /**
   * Waits until the application's consumer group is stable with {@code members} members, each
   * holding at least one input partition (its active tasks): work has moved off the first instance.
   */
  private static void awaitPartitionsOnEveryMember(
      final String bootstrap, final String groupId, final int members, final Duration limit) {
    final Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      final AtomicReference<String> seen = new AtomicReference<>("nothing");
      try {
        await("every one of " + members + " members holds input partitions")
            .atMost(limit)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  final ConsumerGroupDescription group =
                      admin
                          .describeConsumerGroups(List.of(groupId))
                          .describedGroups()
                          .get(groupId)
                          .get();
                  seen.set(
                      group.groupState()
                          + " "
                          + group.members().stream()
                              .map(m -> m.clientId() + "=" + m.assignment().topicPartitions())
                              .toList());
                  return group.groupState() == GroupState.STABLE
                      && group.members().size() == members
                      && group.members().stream()
                          .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                });
      } catch (final ConditionTimeoutException e) {
        throw new AssertionError("group " + groupId + " last seen as " + seen.get(), e);
      }
    }
  }
}
