package io.inferenceimpact.topology.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.embedded.TempDirs;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.ExternalProcess;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * An alert episode survives a restart of the application on the real broker with exactly_once_v2:
 * the client is stopped while a dirty-grid alert fires, its state folder is wiped, and a new client
 * with the same application id restores the episode from the changelog. Input that would start an
 * episode in a fresh state (both zones' values and serving signs again, the zone still dirty) gives
 * no second FIRING; the zone turning clean gives one RESOLVED of the same episode. A plain episode
 * (FIRING, then RESOLVED) reaches Confluent's Python client as exactly those two records.
 */
class AlertRestartIntegrationTest {
  private static final String KEY = "dirty|model=m,zone=DE";

  @Test
  void shouldNotFireAgainAfterARestartWithAWipedStateFolder() throws Exception {
    final String id = SharedInfrastructure.unique("alerts-restart");
    final ImpactConfig config = config(id);
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    SharedInfrastructure.createTopics(config);
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(
                Map.of("schema.registry.url", SharedInfrastructure.registry().url())),
            Map.of());
    final Properties props = SharedInfrastructure.streamsProperties(id);
    final Path stateDir = Path.of(props.getProperty("state.dir"));
    final long t0 = System.currentTimeMillis();

    // Episode starts: m is served in DE and FR, DE is dirty, FR clean.
    stimulate(bootstrap, config, serdes, t0, 700);
    final List<ConsumerRecord<String, ImpactAlert>> fired;
    try (KafkaStreams first = new KafkaStreams(topology(config, serdes), props)) {
      first.start();
      fired = alerts(bootstrap, config, serdes, 1);
      // Stopped as an instance that goes away: it leaves the group, so the next one need not
      // wait for its session to time out.
      first.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofSeconds(30)));
    }
    assertThat(fired.get(0).key()).isEqualTo(KEY);
    assertThat(fired.get(0).value().getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(fired.get(0).value().getSuggestedZone()).isEqualTo("FR");
    TempDirs.deleteRecursively(stateDir);
    assertThat(stateDir).doesNotExist();
    try (KafkaStreams second = new KafkaStreams(topology(config, serdes), props)) {
      second.start();
      // The same stimulus again, later, DE still dirty: a fresh state would fire on it.
      final long t1 = t0 + 15_000; // past the serving signs' 10 s throttle
      stimulate(bootstrap, config, serdes, t1, 720);
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreException(InvalidStateStoreException.class)
          .untilAsserted(
              () -> {
                final GridRuleState state = gridState(second);
                assertThat(state.view().zones())
                    .hasEntrySatisfying("DE", z -> assertThat(z.gramsPerKwh()).isEqualTo(720.0));
                assertThat(state.view().serving().get("m"))
                    .containsEntry("DE", t1)
                    .containsEntry("FR", t1);
                // Restored from the changelog, not started anew.
                assertThat(state.episodes().get(KEY).alertId())
                    .isEqualTo(fired.get(0).value().getAlertId());
              });

      // DE turns clean; the wall clock (no further input) resolves the episode 5 s later. All
      // records of the key, in order: a second FIRING would show up before the RESOLVED.
      grid(bootstrap, config, serdes, "DE", 200, t1 + 1_000);
      final List<ConsumerRecord<String, ImpactAlert>> all = alerts(bootstrap, config, serdes, 2);
      assertThat(all)
          .extracting(r -> r.value().getStatus())
          .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
      assertThat(all.get(1).value().getAlertId()).isEqualTo(fired.get(0).value().getAlertId());
      assertThat(all).extracting(ConsumerRecord::key).containsOnly(KEY);
    }
  }

  /**
   * The service's records of one episode, FIRING then RESOLVED, reach Confluent's Python client:
   * clients/python/alert_subscriber.py prints exactly those two, with the same alert id and the
   * fields the service wrote, and nothing else in the time it is given.
   */
  @Test
  void shouldDeliverAnEpisodesFiringThenResolvedToThePythonSubscriber() throws Exception {
    final String id = SharedInfrastructure.unique("alerts-python");
    final ImpactConfig config = config(id);
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    SharedInfrastructure.createTopics(config);
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(
                Map.of("schema.registry.url", SharedInfrastructure.registry().url())),
            Map.of());
    final long t0 = System.currentTimeMillis();
    stimulate(bootstrap, config, serdes, t0, 700);
    final List<ConsumerRecord<String, ImpactAlert>> episode;
    try (KafkaStreams streams =
        new KafkaStreams(topology(config, serdes), SharedInfrastructure.streamsProperties(id))) {
      streams.start();
      assertThat(alerts(bootstrap, config, serdes, 1))
          .extracting(r -> r.value().getStatus())
          .containsExactly(AlertStatus.FIRING);
      // DE turns clean; the wall clock resolves the episode 5 s later.
      grid(bootstrap, config, serdes, "DE", 200, t0 + 1_000);
      episode = alerts(bootstrap, config, serdes, 2);
    }
    assertThat(episode)
        .extracting(r -> r.value().getStatus())
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    final String alertId = episode.get(0).value().getAlertId().toString();
    assertThat(episode.get(1).value().getAlertId().toString()).isEqualTo(alertId);

    // Asked for one more than the episode: it waits out its timeout, so a third record (a second
    // FIRING, a duplicate) would be printed and fail the test.
    final ExternalProcess.Result run =
        ExternalProcess.run(
            List.of(
                "/usr/bin/python3",
                "clients/python/alert_subscriber.py",
                "--bootstrap",
                bootstrap,
                "--registry",
                SharedInfrastructure.registry().url(),
                "--topic",
                config.topics().alerts(),
                "--group",
                SharedInfrastructure.unique("py-alerts"),
                "--from-beginning",
                "--show-id",
                "--max-messages",
                "3",
                "--timeout",
                "15"),
            "",
            Duration.ofSeconds(45));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stderr()).as(run.describe()).contains("stopped after 15.0s with 2 alert(s)");
    assertThat(run.stdout().lines().toList())
        .as(run.describe())
        .containsExactly(pythonLine(episode.get(0).value()), pythonLine(episode.get(1).value()));
    assertThat(pythonLine(episode.get(0).value()))
        .startsWith(alertId + " FIRING   ")
        .contains(" dirty model=m,zone=DE: ");
    assertThat(pythonLine(episode.get(1).value())).startsWith(alertId + " RESOLVED ");
  }

  /** The line the subscriber prints with --show-id, made from the record the service wrote. */
  private static String pythonLine(final ImpactAlert alert) {
    return String.format(
        "%s %-8s %-8s %s %s: %s",
        alert.getAlertId(),
        alert.getStatus(),
        alert.getSeverity(),
        alert.getRule(),
        alert.getSubject(),
        alert.getSummary());
  }

  /**
   * The application's settings for test {@code id}: its own topics (one partition each), a
   * dirty-grid rule that resolves 5 s after the zone turns clean, evaluated every second.
   */
  private static ImpactConfig config(final String id) throws Exception {
    final Path rules = Files.createDirectories(Path.of("target", "tmp")).resolve(id + ".yaml");
    Files.writeString(
        rules,
        """
        rules:
          - {name: dirty, type: dirty-grid, aboveGramsPerKwh: 500, minSaving: 0.3, resolveAfter: 5s}
        """);
    final Properties file = new Properties();
    file.setProperty("topics.partitions", "1");
    for (final String t :
        List.of(
            "inferenceRequests",
            "gpuMetrics",
            "gridIntensity",
            "fleetNodes",
            "impactRequests",
            "modelRates",
            "alerts",
            "dlq")) {
      file.setProperty("topics." + t, id + "." + t);
    }
    file.setProperty("alerts.rulesFile", rules.toString());
    file.setProperty("alerts.evaluateEvery", "1s");
    // Estimated requests go on after 2 s of quiet instead of waiting 5 min for grid values.
    file.setProperty("zones.intensityWait", "2s");
    return ConfigLoader.load(file, Map.of());
  }

  private static Topology topology(final ImpactConfig config, final TopologySerdes serdes) {
    final StreamsBuilder builder = new StreamsBuilder();
    ImpactTopology.buildOn(builder, config, serdes);
    return builder.build();
  }

  private static GridRuleState gridState(final KafkaStreams streams) {
    final ReadOnlyKeyValueStore<String, GridRuleState> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                GridRuleProcessor.STORE,
                QueryableStoreTypes.<String, GridRuleState>keyValueStore()));
    final GridRuleState state = store.get(GridRuleProcessor.KEY);
    assertThat(state).isNotNull();
    return state;
  }

  /** Requests of m in DE and FR, FR at 50 and DE at {@code dirtyGrams}, all at {@code atMillis}. */
  private static void stimulate(
      final String bootstrap,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final long atMillis,
      final double dirtyGrams) {
    KafkaTestClients.produce(
        bootstrap,
        config.topics().inferenceRequests(),
        Serdes.String().serializer(),
        serdes.avro(InferenceRequest.class).serializer(),
        Map.of(
            "de-" + atMillis,
            request("de-" + atMillis, "DE", atMillis),
            "fr-" + atMillis,
            request("fr-" + atMillis, "FR", atMillis)));
    grid(bootstrap, config, serdes, "FR", 50, atMillis);
    grid(bootstrap, config, serdes, "DE", dirtyGrams, atMillis);
  }

  private static InferenceRequest request(
      final String id, final String zone, final long endMillis) {
    return InferenceRequest.newBuilder()
        .setRequestId(id)
        .setModel("m")
        .setZone(zone)
        .setStartTime(Instant.ofEpochMilli(endMillis - 1_000))
        .setEndTime(Instant.ofEpochMilli(endMillis))
        .setInputTokens(100)
        .setOutputTokens(200)
        .build();
  }

  private static void grid(
      final String bootstrap,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final String zone,
      final double gramsPerKwh,
      final long validFromMillis) {
    KafkaTestClients.produce(
        bootstrap,
        config.topics().gridIntensity(),
        Serdes.String().serializer(),
        serdes.avro(GridIntensity.class).serializer(),
        Map.of(
            zone,
            GridIntensity.newBuilder()
                .setZone(zone)
                .setValidFrom(Instant.ofEpochMilli(validFromMillis))
                .setIntensityGPerKwh(gramsPerKwh)
                .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
                .setEstimated(false)
                .setSource("test")
                .build()));
  }

  private static List<ConsumerRecord<String, ImpactAlert>> alerts(
      final String bootstrap,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final int count) {
    return KafkaTestClients.consume(
        bootstrap,
        config.topics().alerts(),
        Serdes.String().deserializer(),
        serdes.avro(ImpactAlert.class).deserializer(),
        count,
        Duration.ofSeconds(60));
  }
}
