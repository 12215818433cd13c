package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.embedded.TempDirs;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of {@code impact run} twice in one run, against the replay baseline: first while the
 * first half of the input is arriving, at a moment when the broker reports one of its transactions
 * open (ONGOING: records and offsets written, not committed; the rest of the input is produced
 * while it is down), then while its results are coming out (some visible, most not); the last
 * restart also finds its state folder wiped and rebuilds every store from the changelogs. Every
 * request impact and window must equal the baseline's, none missing and none twice (read_committed,
 * exactly_once_v2), with the outputs read to their end after the last instance stopped.
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
      // The first half arrives in slices of 500 ms of event time, so that the instance keeps
      // opening transactions while the broker is watched for one.
      final ExecutorService feeder = Executors.newSingleThreadExecutor();
      try {
        final Future<?> firstHalf =
            feeder.submit(
                () -> {
                  for (long from = 0; from < 6_000; from += 500) {
                    final long lo = from;
                    scenario.produce(bootstrap, serdes, t -> t < lo + 500 && (lo == 0 || t >= lo));
                  }
                  return null;
                });
        final Map<String, TransactionDescription> atKill =
            OpenTransactions.killInsideOne(first, bootstrap, scenario.id, Duration.ofSeconds(60));
        assertThat(atKill.values())
            .as("the application's transactions right after the first kill: %s", atKill)
            .anySatisfy(
                d -> {
                  assertThat(d.state()).isEqualTo(TransactionState.ONGOING);
                  assertThat(d.topicPartitions()).isNotEmpty();
                });
        firstHalf.get(60, TimeUnit.SECONDS);
      } finally {
        feeder.shutdownNow();
      }
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
                  baseline,
                  bootstrap,
                  scenario,
                  serdes,
                  Duration.ofSeconds(120),
                  () -> AppInstance.stopAll(List.of(third), Duration.ofSeconds(60))))
          .isEmpty();
      assertThat(third.logText()).contains("Restored store");
    }
  }
}
