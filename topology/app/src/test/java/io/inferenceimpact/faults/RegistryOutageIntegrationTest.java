package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.embedded.LocalSchemaRegistry;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Schema Registry is down when {@code impact run} starts: the service says so clearly, retries,
 * and starts processing once the registry comes up. Later the registry goes down for good while a
 * second episode of traffic arrives: the schemas the service has cached keep decoding its inputs
 * and encoding its outputs, and the results of both episodes equal the baseline's.
 */
class RegistryOutageIntegrationTest {
  private static final long SECOND_EPISODE_MILLIS = 40_000;

  @Test
  @Timeout(300)
  void shouldWaitForTheRegistryAtStartAndRunOnCachedSchemasWhenItGoesAway() throws Exception {
    final FaultScenario scenario = new FaultScenario("registry", 0, SECOND_EPISODE_MILLIS);
    final Path dir = Path.of("target/tmp/faults", scenario.id);
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final int registryPort = FreePort.find();
    final String registryUrl =
        "http://127.0.0.1:" + registryPort + LocalSchemaRegistry.CCOMPAT_PATH;
    scenario.createTopics(SharedInfrastructure.broker());
    final Properties props =
        scenario.configProperties(bootstrap, registryUrl, dir.resolve("state"), 0);
    final Results baseline = RunOutputs.replay(scenario, scenario.config(props), dir);
    assertThat(baseline.requests()).hasSize(2 * FaultScenario.REQUESTS_PER_EPISODE);

    try (AppInstance app =
        AppInstance.start(
            "app",
            scenario.writeConfig(props, dir.resolve("app.properties")),
            dir.resolve("app.log"))) {
      app.awaitLog(
          "Schema registry " + registryUrl + " is not reachable", 2, Duration.ofSeconds(60));
      assertThat(app.logText()).doesNotContain("RUNNING");

      LocalSchemaRegistry registry =
          LocalSchemaRegistry.builder().port(registryPort).logDir(dir).start();
      try {
        app.awaitRunning(Duration.ofSeconds(90));
        assertThat(app.logText()).contains("answers now");
        final TopologySerdes serdes = Infrastructure.serdes(registryUrl);
        scenario.produce(bootstrap, serdes, t -> t < SECOND_EPISODE_MILLIS);
        // Once the first window is out, the service has used every schema it needs.
        await("first window of the first episode")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> RunOutputs.visible(bootstrap, scenario, "rates", serdes) > 0);
        RunOutputs.visible(bootstrap, scenario, "impact", serdes);
        registry.close();
        registry = null;

        scenario.produce(bootstrap, serdes, t -> t >= SECOND_EPISODE_MILLIS);
        assertThat(
                RunOutputs.differencesFrom(
                    baseline,
                    bootstrap,
                    scenario,
                    serdes,
                    Duration.ofSeconds(150),
                    () -> {
                      assertThat(app.isAlive()).isTrue();
                      AppInstance.stopAll(List.of(app), Duration.ofSeconds(60));
                    }))
            .isEmpty();
        assertThat(app.logText()).doesNotContain("Stream thread failed");
        assertThat(app.logText()).doesNotContain("Cannot get a schema id");
      } finally {
        if (registry != null) {
          registry.close();
        }
      }
    }
  }
}
