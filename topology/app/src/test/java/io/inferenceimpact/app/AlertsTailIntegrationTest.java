package io.inferenceimpact.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.subscribe.AlertFormat;
import io.inferenceimpact.subscribe.AlertRecords;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code impact alerts tail} in-process through picocli against the real broker and registry:
 * alerts written with our serializer (Confluent wire format, schema registered in the registry)
 * print as blocks in the order of the episode, the filters drop what they should, the default start
 * is the end of the topic, and unreachable broker, registry or topic end it with exit 1. The topic
 * has one partition so that "filtered out" counts are exact with {@code --max}.
 */
class AlertsTailIntegrationTest {
  private static final AlertFormat PLAIN = new AlertFormat(false);
  private static String bootstrap;
  private static String registryUrl;
  private static String topic;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void produceTheScenario() {
    bootstrap = SharedInfrastructure.broker().bootstrapServers();
    registryUrl = SharedInfrastructure.registry().url();
    topic = SharedInfrastructure.unique("alerts-tail");
    SharedInfrastructure.broker().createTopic(topic, 1);
    // A tombstone first: skipped, and not counted by --max.
    KafkaTestClients.produce(
        bootstrap,
        topic,
        Serdes.String().serializer(),
        Serdes.ByteArray().serializer(),
        List.<Map.Entry<String, byte[]>>of(
            new AbstractMap.SimpleEntry<>(AlertRecords.key(AlertRecords.firing()), null)));
    produce(topic, AlertRecords.scenario());
  }

  @Test
  void shouldPrintTheEpisodeInOrderFromTheBeginning() {
    final int code = tail(env(topic), "--from-beginning", "--max", "3");

    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .isEqualTo(
            PLAIN.block(AlertRecords.firing())
                + PLAIN.block(AlertRecords.otherModelWarning())
                + PLAIN.block(AlertRecords.resolved()));
    assertThat(err.toString())
        .contains("following " + topic + " (1 partition) from the beginning")
        .contains("3 shown, 0 filtered out (--max 3 reached)");
  }

  @Test
  void shouldShowOnlyAlertsOfTheMinimumSeverityOrAbove() {
    final int code =
        tail(
            env(topic),
            "--from-beginning",
            "--severity",
            "CRITICAL",
            "--max",
            "2",
            "--color=never");

    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .isEqualTo(PLAIN.block(AlertRecords.firing()) + PLAIN.block(AlertRecords.resolved()));
    assertThat(err.toString()).contains("2 shown, 1 filtered out");
  }

  @Test
  void shouldShowOnlyTheNamedModels() {
    final int code =
        tail(
            env(topic),
            "--from-beginning",
            "--model",
            "mistral-7b",
            "--model",
            "phi-3",
            "--timeout",
            "5s");

    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(out.toString()).isEqualTo(PLAIN.block(AlertRecords.otherModelWarning()));
    assertThat(err.toString()).contains("1 shown, 2 filtered out (--timeout PT5S passed)");
  }

  @Test
  void shouldStartAtTheEndOfTheTopicByDefault() {
    final String own = SharedInfrastructure.unique("alerts-tail-latest");
    SharedInfrastructure.broker().createTopic(own, 2);
    produce(own, List.of(Map.entry("old|one", AlertRecords.otherModelWarning())));

    final CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(() -> tail(env(own), "--max", "1", "--timeout", "60s"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> err.toString().contains("following " + own + " (2 partitions) from the end"));
    produce(
        own, List.of(Map.entry(AlertRecords.key(AlertRecords.firing()), AlertRecords.firing())));

    assertThat(running.join()).as("stderr: %s", err).isZero();
    assertThat(out.toString()).isEqualTo(PLAIN.block(AlertRecords.firing()));
  }

  @Test
  void shouldExit1NamingTheBrokerThatDoesNotAnswer() {
    final Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "127.0.0.1:" + FreePort.find(),
            "SCHEMA_REGISTRY_URL",
            registryUrl,
            "IMPACT_TOPICS_ALERTS",
            topic);

    assertThat(tail(env, "--timeout", "3s")).isEqualTo(ExitCodes.RUNTIME_FAILURE);
    assertThat(err.toString())
        .contains("impact alerts tail: no answer from the Kafka cluster within PT3S");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldExit1NamingTheRegistryThatCannotBeReached() {
    final String nowhere = "http://127.0.0.1:" + FreePort.find();
    final Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            bootstrap,
            "SCHEMA_REGISTRY_URL",
            nowhere,
            "IMPACT_TOPICS_ALERTS",
            topic);

    assertThat(tail(env, "--timeout", "5s")).isEqualTo(ExitCodes.RUNTIME_FAILURE);
    assertThat(err.toString())
        .contains("impact alerts tail: cannot reach the Schema Registry at " + nowhere);
  }

  @Test
  void shouldExit1WhenTheTopicDoesNotExistWithoutCreatingIt() {
    final String missing = SharedInfrastructure.unique("alerts-missing");

    assertThat(tail(env(missing), "--timeout", "5s")).isEqualTo(ExitCodes.RUNTIME_FAILURE);
    assertThat(err.toString()).contains("topic " + missing + " does not exist");
    assertThat(tail(env(missing), "--timeout", "5s"))
        .as("still missing: the tail did not create it")
        .isEqualTo(ExitCodes.RUNTIME_FAILURE);
  }

  private int tail(final Map<String, String> env, final String... options) {
    final var commandLine = ImpactCli.commandLine(env);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    final String[] args = new String[options.length + 2];
    args[0] = "alerts";
    args[1] = "tail";
    System.arraycopy(options, 0, args, 2, options.length);
    return commandLine.execute(args);
  }

  private static Map<String, String> env(final String alertsTopic) {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
        "SCHEMA_REGISTRY_URL", registryUrl,
        "IMPACT_TOPICS_ALERTS", alertsTopic);
  }

  private static void produce(
      final String topic, final List<Map.Entry<String, ImpactAlert>> alerts) {
    produceTo(bootstrap, topic, alerts);
  }

  /** Writes alerts with our serializer, registering ImpactAlert in the shared registry. */
  static void produceTo(
      final String bootstrap,
      final String topic,
      final List<Map.Entry<String, ImpactAlert>> alerts) {
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(
                Map.of("schema.registry.url", SharedInfrastructure.registry().url())),
            Map.of());
    KafkaTestClients.produce(
        bootstrap,
        topic,
        Serdes.String().serializer(),
        serdes.avro(ImpactAlert.class).serializer(),
        alerts);
  }
}
