package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.embedded.TempDirs;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker goes down and comes back (same port, same data) while {@code impact run} is
 * processing: the application sees it go (its Kafka clients log more lost connections — closed or
 * not established — after the restart than before it), rides it out on its own — the same process,
 * no restart, no manual step — and its results equal the baseline's, none lost, none twice.
 */
class BrokerRestartIntegrationTest {
  /**
   * What Kafka's NetworkClient logs when a connection to the broker (node 1, as its clients know it
   * once bootstrapped) closes (INFO) or cannot be made (WARN); the instance logs the NetworkClient
   * at INFO (the service's own logback.xml keeps Kafka at WARN).
   */
  static final List<String> LOST_BROKER =
      List.of("Node 1 disconnected.", "could not be established. Node may not be available");

  /** The service's logging, with Kafka's NetworkClient at INFO. */
  private static final String LOGBACK =
      """
      <configuration>
        <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="org.apache.kafka" level="WARN"/>
        <logger name="org.apache.kafka.clients.NetworkClient" level="INFO"/>
        <logger name="kafka" level="WARN"/>
        <logger name="org.apache.avro" level="WARN"/>
        <logger name="org.rocksdb" level="WARN"/>
        <root level="INFO"><appender-ref ref="CONSOLE"/></root>
      </configuration>
      """;

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

      final Path logback =
          Files.writeString(Files.createDirectories(dir).resolve("logback.xml"), LOGBACK);
      try (AppInstance app =
          AppInstance.start(
              "app",
              scenario.writeConfig(props, dir.resolve("app.properties")),
              dir.resolve("app.log"),
              List.of("-Dlogback.configurationFile=" + logback.toAbsolutePath()))) {
        app.awaitRunning(Duration.ofSeconds(90));
        scenario.produce(bootstrap, serdes, t -> t < 6_000);
        ConsumedInputs.await(
            bootstrap, scenario.id, scenario.inputTopics(), Duration.ofSeconds(60));
        scenario.produce(bootstrap, serdes, t -> t >= 6_000);
        final int lostBefore = lostBroker(app);

        broker.close();
        broker = EmbeddedKafkaBroker.start(0, brokerDir);
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        await("connections lost (closed, or not established) after the broker restart")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> lostBroker(app) > lostBefore);

        assertThat(
                RunOutputs.differencesFrom(
                    baseline,
                    bootstrap,
                    scenario,
                    serdes,
                    Duration.ofSeconds(150),
                    () -> {
                      assertThat(app.isAlive()).as("the same process, never restarted").isTrue();
                      AppInstance.stopAll(List.of(app), Duration.ofSeconds(60));
                    }))
            .isEmpty();
      }
    } finally {
      broker.close();
      TempDirs.deleteRecursively(brokerDir);
    }
  }

  private static int lostBroker(final AppInstance app) {
    return LOST_BROKER.stream().mapToInt(app::occurrences).sum();
  }
}
