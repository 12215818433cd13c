package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault tests' judge, tried on outputs written by the test itself on the real broker: the
 * baseline's own results pass, and one output more — a copy of a request impact written after the
 * expected number of results was already visible, as a shutdown flush or a replayed transaction
 * would write it — makes the comparison fail.
 */
class RunOutputsIT {

  @Test
  @Timeout(120)
  void shouldFailTheComparisonForOneDuplicateWrittenAfterTheResultsWereComplete() throws Exception {
    final FaultScenario scenario = new FaultScenario("judge", 0);
    final Path dir = Path.of("target/tmp/faults", scenario.id);
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final String registry = SharedInfrastructure.registry().url();
    scenario.createTopics(SharedInfrastructure.broker());
    final Results baseline =
        RunOutputs.replay(
            scenario,
            scenario.config(scenario.configProperties(bootstrap, registry, dir.resolve("s"), 0)),
            dir);
    final TopologySerdes serdes = Infrastructure.serdes(registry);
    writeImpacts(bootstrap, scenario, serdes, List.copyOf(baseline.requests().entrySet()));
    KafkaTestClients.produce(
        bootstrap,
        scenario.topic("rates"),
        Serdes.String().serializer(),
        serdes.avro(ModelImpactWindow.class).serializer(),
        List.copyOf(baseline.windows().entrySet()));

    assertThat(
            RunOutputs.differencesFrom(
                baseline, bootstrap, scenario, serdes, Duration.ofSeconds(30), () -> {}))
        .as("the baseline's own results, once each")
        .isEmpty();

    final Map.Entry<String, RequestImpact> copy = baseline.requests().entrySet().iterator().next();
    final List<String> differences =
        RunOutputs.differencesFrom(
            baseline,
            bootstrap,
            scenario,
            serdes,
            Duration.ofSeconds(30),
            () -> {
              // Later than the one second the judge used to wait after the count was reached.
              Thread.sleep(1_500);
              writeImpacts(bootstrap, scenario, serdes, List.of(copy));
            });
    assertThat(differences).containsExactly("duplicated output keys: [" + copy.getKey() + "]");
  }

  private static void writeImpacts(
      final String bootstrap,
      final FaultScenario scenario,
      final TopologySerdes serdes,
      final List<Map.Entry<String, RequestImpact>> impacts) {
    KafkaTestClients.produce(
        bootstrap,
        scenario.topic("impact"),
        Serdes.String().serializer(),
        serdes.avro(RequestImpact.class).serializer(),
        impacts);
  }
}
