package io.inferenceimpact.topology.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.AlertKind;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.demo.DemoStack;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.embedded.TempDirs;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.simulate.Scenario;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * The demo with its built-in rules and the alerts scenario raises a dirty-grid alert that names a
 * greener zone within 90 s of its start (zone DE turns dirty at 45 s while FR serves the same
 * models; the fleet's IN-WE and US-CAL-CISO pair differ as much from the start).
 */
class DemoAlertsIntegrationTest {

  @Test
  void shouldRaiseADirtyGridAlertWithinNinetySeconds() throws Exception {
    final Path dir =
        Files.createDirectories(Path.of("target", "tmp"))
            .resolve("demo-alerts-" + System.nanoTime());
    try (DemoStack stack =
        DemoStack.start(
            null,
            Map.of(),
            new DemoStack.Ports(FreePort.find(), FreePort.find(), 0),
            dir,
            new DemoStack.Traffic(5, 4, 4, Scenario.alerts()))) {
      // As `impact demo --duration 90s` counts: from the moment everything runs.
      final long started = System.nanoTime();
      final var deserializer =
          new TopologySerdes(
                  SchemaRegistryClient.create(Map.of("schema.registry.url", stack.registryUrl())),
                  Map.of())
              .avro(ImpactAlert.class)
              .deserializer();
      final Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      final List<ImpactAlert> firing = new ArrayList<>();
      try (var consumer =
          new KafkaConsumer<>(props, Serdes.String().deserializer(), deserializer)) {
        final String topic = stack.config().topics().alerts();
        final List<TopicPartition> partitions =
            consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        final long deadline = started + Duration.ofSeconds(90).toNanos();
        while (firing.stream().noneMatch(a -> a.getKind() == AlertKind.DIRTY_GRID)
            && System.nanoTime() < deadline) {
          consumer
              .poll(Duration.ofMillis(500))
              .forEach(
                  r -> {
                    if (r.value().getStatus() == AlertStatus.FIRING) {
                      firing.add(r.value());
                    }
                  });
        }
      }
      assertThat(firing)
          .as("FIRING alerts within 90 s of the demo's start")
          .anySatisfy(
              a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.DIRTY_GRID);
                assertThat(a.getSuggestedZone()).isNotNull().isNotEqualTo(a.getZone());
                assertThat(stack.fleet().zones()).contains(a.getZone(), a.getSuggestedZone());
              });
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }
}
