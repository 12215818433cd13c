package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.embedded.TempDirs;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.TopologySerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of {@code impact run} twice in one run, against the replay baseline: first after it
 * committed half of the input (the rest is produced while it is down), then while its results are
 * coming out (some visible, most not); the last restart also finds its state folder wiped and
 * rebuilds every store from the changelogs. Every request impact and window must equal the
 * baseline's, none missing and none twice (read_committed, exactly_once_v2).
 */
class CrashRecoveryIntegrationTest {

  @Test
  @Timeout(300)
  void shouldLoseAndDuplicateNothingWhenKilledMidStream() throws Exception {
    final FaultScenario scenario = new FaultScenario("crash", 0);
    final Path dir = Path.of("target/tmp/faults", scenario.id);
    final Path stateDir = dir.resolve("state");
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final String registry = SharedInfrastructure.registry().url();
    scenario.createTopics(SharedInfrastructure.broker());
    final Properties props = scenario.configProperties(bootstrap, registry, stateDir, 0);
    final Results baseline = RunOutputs.replay(scenario, scenario.config(props), dir);
    final Path config = scenario.writeConfig(props, dir.resolve("app.properties"));
    final TopologySerdes serdes = Infrastructure.serdes(registry);

    try (AppInstance first = AppInstance.start("first", config, dir.resolve("first.log"))) {
      first.awaitRunning(Duration.ofSeconds(90));
      scenario.produce(bootstrap, serdes, t -> t < 6_000);
      ConsumedInputs.await(bootstrap, scenario.id, scenario.inputTopics(), Duration.ofSeconds(60));
      first.kill();
    }
    scenario.produce(bootstrap, serdes, t -> t >= 6_000);

    final AtomicInteger visibleAtKill = new AtomicInteger();
    try (AppInstance second = AppInstance.start("second", config, dir.resolve("second.log"))) {
      second.awaitRunning(Duration.ofSeconds(90));
      await("first request impacts visible")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> RunOutputs.visible(bootstrap, scenario, "impact", serdes) > 0);
      second.kill();
      visibleAtKill.set(RunOutputs.visible(bootstrap, scenario, "impact", serdes));
    }
    assertThat(visibleAtKill.get())
        .as("request impacts visible when the second instance was killed")
        .isBetween(1, scenario.expectedRequests() - 1);
    TempDirs.deleteRecursively(stateDir);

    try (AppInstance third = AppInstance.start("third", config, dir.resolve("third.log"))) {
      third.awaitRunning(Duration.ofSeconds(90));
      assertThat(
              RunOutputs.differencesFrom(
                  baseline, bootstrap, scenario, serdes, Duration.ofSeconds(120)))
          .isEmpty();
      assertThat(third.logText()).contains("Restored store");
      assertThat(third.stop(Duration.ofSeconds(60))).isIn(0, AppInstance.SIGTERM_EXIT);
    }
  }
}
