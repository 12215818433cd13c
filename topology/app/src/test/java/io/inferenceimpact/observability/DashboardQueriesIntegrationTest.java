package io.inferenceimpact.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.observability.Dashboards.Dashboard;
import io.inferenceimpact.observability.Dashboards.Panel;
import io.inferenceimpact.observability.Dashboards.Target;
import io.inferenceimpact.runtime.StreamsRuntime;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.simulate.Fleet;
import io.inferenceimpact.simulate.KafkaSimulationSink;
import io.inferenceimpact.simulate.Scenario;
import io.inferenceimpact.simulate.Simulator;
import io.inferenceimpact.simulate.SimulatorSettings;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboards against the real thing: the service (StreamsRuntime on the shared broker and
 * registry, metrics on a free port) runs a simulated fleet in real time, plus grid values with
 * forecasts and two records for the DLQ; a real Prometheus scrapes it every second. Every PromQL
 * expression of every panel of every dashboard, with the dashboard's variables set to values that
 * exist, must return at least one finite sample through Prometheus' HTTP API. A query of a metric
 * the service does not export never does, and the failure names dashboard, panel and expression.
 * The alert panels need the alert stage; where the topology has none, they must be empty instead.
 */
class DashboardQueriesIntegrationTest {
  private static final long SEED = 20_261_127L;
  private static final int NODES = 2;
  private static final int GPUS_PER_NODE = 2;

  /** Low enough that GPUs have idle slots (idle energy), high enough for every model and zone. */
  private static final double RATE_PER_SECOND = 2.0;

  private static final String RANGE = "5m";
  private static final Duration DATA_LIMIT = Duration.ofSeconds(150);

  /**
   * The alert metrics have data only where the topology has an alert stage (it writes to the alerts
   * topic): the test's rules file then holds a rule that fires on the first window. Without the
   * stage their panels must stay empty, so that a stage that exists but never reports fails.
   */
  private static final Set<String> ALERT_METRICS =
      Set.of("impact_alerts_firing", "impact_alert_transitions_total");

  /** Fires on every window with a request (any emissions per request above 0). */
  private static final String ALWAYS_FIRING_RULES =
      """
      rules:
        - name: dashboards-test-any-emissions
          type: threshold
          severity: info
          metric: emissions_grams_per_request
          above: 0
          minRequests: 1
      """;

  private static final String CANARY =
      """
      {"title": "canary", "panels": [{"id": 1, "type": "stat", "title": "Made-up metric",
        "targets": [{"refId": "A", "expr": "sum(rate(impact_made_up_total[$__rate_interval]))"}]}]}
      """;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldReturnDataForEveryPanelQueryOfEveryDashboard() throws Exception {
    final List<Dashboard> dashboards = Dashboards.all();
    final String id = SharedInfrastructure.unique("dashboards");
    final ImpactConfig config = config(id);
    SharedInfrastructure.createTopics(config);
    final boolean alertStage = hasAlertStage(config);

    try (StreamsRuntime service = StreamsRuntime.start(config)) {
      assertThat(service.awaitRunning(Duration.ofSeconds(90))).as("service RUNNING").isTrue();
      final URI metrics = service.metricsUrl().orElseThrow();
      // Before the simulator: two clients registering one subject at once can meet a 409.
      produceGridAndDeadLetters(config);
      try (PrometheusServer prometheus =
              PrometheusServer.start(Path.of("target", "prometheus", id), metrics);
          KafkaSimulationSink sink =
              new KafkaSimulationSink(
                  config.kafka().properties(),
                  config.schemaRegistry().clientProperties(),
                  config.topics());
          Simulator simulator = Simulator.start(simulation(), sink)) {
        final long deadline = System.nanoTime() + DATA_LIMIT.toNanos();
        List<String> missing;
        do {
          TimeUnit.SECONDS.sleep(5);
          assertThat(simulator.failure()).as("simulator failure").isNull();
          assertThat(service.failed()).as("service failed").isFalse();
          missing = missingData(prometheus, dashboards, alertStage);
        } while (!missing.isEmpty() && System.nanoTime() < deadline);

        assertThat(missing)
            .as(
                "panel queries without data after %s (Prometheus at %s, scraping %s); its log:\n%s",
                DATA_LIMIT, prometheus.url(), metrics, prometheus.log())
            .isEmpty();
        assertThat(prometheus.query("up{job=\"inference-impact\"} == 1").path("result"))
            .as("the service is the one target scraped")
            .hasSize(1);
        // The same check on a panel of a metric the service does not export: reported, by name.
        assertThat(
                missingData(
                    prometheus, List.of(Dashboards.parse("canary.json", CANARY)), alertStage))
            .singleElement()
            .asString()
            .contains("canary.json / panel 1 'Made-up metric' A: no data for")
            .contains("sum(rate(impact_made_up_total[1m]))");
      }
    }
  }

  /** Every query that returned no finite sample, described as dashboard / panel / expression. */
  private static List<String> missingData(
      final PrometheusServer prometheus,
      final List<Dashboard> dashboards,
      final boolean alertStage) {
    final Map<String, String> modelAndZone = modelAndZone(prometheus);
    final List<String> missing = new ArrayList<>();
    for (final Dashboard dashboard : dashboards) {
      final Map<String, String> variables = new HashMap<>();
      if (dashboard.file().equals("grid.json")) {
        variables.put("zone", Fleet.ZONES.get(0));
      } else {
        variables.putAll(modelAndZone);
      }
      for (final Panel panel : dashboard.panels()) {
        for (final Target target : panel.targets()) {
          final String query = Dashboards.substitute(target.expr(), variables, RANGE);
          final JsonNode data = prometheus.query(query);
          final boolean hasData = hasFiniteSample(data);
          final boolean expectEmpty =
              !alertStage
                  && PromQlNames.metricNames(target.expr()).stream()
                      .anyMatch(ALERT_METRICS::contains);
          if (expectEmpty && hasData) {
            missing.add(
                panel.describe()
                    + " "
                    + target.refId()
                    + ": alert data without an alert stage in the topology: "
                    + query);
          } else if (!expectEmpty && !hasData) {
            missing.add(
                panel.describe()
                    + " "
                    + target.refId()
                    + ": no data for "
                    + query
                    + " (got "
                    + data.path("result")
                    + ")");
          }
        }
      }
    }
    return missing;
  }

  /** A model and zone with live rates and idle energy, so every model panel can show data. */
  private static Map<String, String> modelAndZone(final PrometheusServer prometheus) {
    final JsonNode result =
        prometheus
            .query(
                "count by (model, zone) (impact_idle_energy_joules_total) and on (model, zone)"
                    + " count by (model, zone) (impact_model_wh_per_1k_output_tokens)")
            .path("result");
    final Map<String, String> variables = new TreeMap<>();
    variables.put("model", "none-yet");
    variables.put("zone", "none-yet");
    if (result.size() > 0) {
      variables.put("model", result.get(0).path("metric").path("model").asText());
      variables.put("zone", result.get(0).path("metric").path("zone").asText());
    }
    return variables;
  }

  /** True when the topology writes to the alerts topic. */
  private static boolean hasAlertStage(final ImpactConfig config) {
    final Map<String, String> registry = config.schemaRegistry().clientProperties();
    final TopologySerdes serdes =
        new TopologySerdes(SchemaRegistryClient.create(registry), registry);
    return ImpactTopology.build(config, serdes, TopologyObserver.NONE)
        .describe()
        .toString()
        .contains(config.topics().alerts());
  }

  private static boolean hasFiniteSample(final JsonNode data) {
    final JsonNode result = data.path("result");
    if ("scalar".equals(data.path("resultType").asText())) {
      return isFinite(result.get(1).asText());
    }
    for (final JsonNode series : result) {
      if (isFinite(series.path("value").get(1).asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFinite(final String value) {
    try {
      return Double.isFinite(Double.parseDouble(value));
    } catch (final NumberFormatException e) {
      return false;
    }
  }

  private static ImpactConfig config(final String id) throws Exception {
    final Properties file = new Properties();
    file.setProperty("topics.partitions", "2");
    for (final String topic :
        List.of(
            "inferenceRequests",
            "gpuMetrics",
            "gridIntensity",
            "fleetNodes",
            "impactRequests",
            "modelRates",
            "alerts",
            "dlq")) {
      file.setProperty("topics." + topic, id + "." + topic);
    }
    // Short grace and windows: request impacts, idle slots and final windows within seconds.
    file.setProperty("energy.grace", "5s");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    file.setProperty("zones.intensityWait", "5s");
    file.setProperty("windows.size", "5s");
    file.setProperty("windows.grace", "5s");
    file.setProperty("metrics.port", "0");
    final Path rules = Path.of("target", "tmp", id + "-alert-rules.yaml").toAbsolutePath();
    Files.createDirectories(rules.getParent());
    Files.writeString(rules, ALWAYS_FIRING_RULES);
    file.setProperty("alerts.rulesFile", rules.toString());
    final Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.broker().bootstrapServers());
    env.put("SCHEMA_REGISTRY_URL", SharedInfrastructure.registry().url());
    env.put("KAFKA_APPLICATION_ID", id);
    env.put("KAFKA_STATE_DIR", "target/tmp/" + id);
    env.put("KAFKA_NUM_STANDBY_REPLICAS", "0");
    final ImpactConfig loaded = ConfigLoader.load(file, env);
    // The simulated fleet's nodes, so the service knows their zones (as the demo does).
    final Map<String, NodeSettings> nodes = new TreeMap<>();
    for (final Fleet.Node node : Fleet.build(NODES, GPUS_PER_NODE, SEED).nodes()) {
      nodes.put(
          node.name(),
          loaded
              .fleet()
              .node(node.name())
              .withPlacement(node.zone(), node.gpus().size(), node.gpuType().modelName()));
    }
    return loaded.withFleet(loaded.fleet().withNodes(nodes));
  }

  /**
   * The test publishes the grid itself, with forecasts: the simulator's hourly values carry none,
   * and one arriving at the turn of an hour would replace the test's.
   */
  private static SimulatorSettings simulation() {
    return SimulatorSettings.of(
            RATE_PER_SECOND,
            NODES,
            GPUS_PER_NODE,
            Duration.ZERO,
            Scenario.normal(),
            SEED,
            1.0,
            Instant.now())
        .withPublishGrid(false);
  }

  /**
   * A grid value with an hourly forecast for every zone of the fleet, and two requests for the DLQ:
   * one undecodable, one invalid.
   */
  private static void produceGridAndDeadLetters(final ImpactConfig config) {
    final String bootstrap = config.kafka().properties().get("bootstrap.servers");
    final var registry = SchemaRegistryClient.create(config.schemaRegistry().clientProperties());
    final Instant now = Instant.now();
    // Valid from before the simulation starts, so every request's energy joins a live value.
    final Instant validFrom = now.minus(Duration.ofMinutes(10));
    final Map<String, GridIntensity> grid = new LinkedHashMap<>();
    for (int z = 0; z < Fleet.ZONES.size(); z++) {
      final List<ForecastPoint> forecast = new ArrayList<>();
      for (int hour = 0; hour <= 25; hour++) {
        forecast.add(
            ForecastPoint.newBuilder()
                .setValidFrom(validFrom.plus(Duration.ofHours(hour)))
                .setIntensityGPerKwh(100.0 * (z + 1) + 5.0 * hour)
                .build());
      }
      final String zone = Fleet.ZONES.get(z);
      grid.put(
          zone,
          GridIntensity.newBuilder()
              .setZone(zone)
              .setValidFrom(validFrom)
              .setIntensityGPerKwh(100.0 * (z + 1))
              .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
              .setEstimated(false)
              .setSource("test-forecast")
              .setForecast(forecast)
              .build());
    }
    KafkaTestClients.produce(
        bootstrap,
        config.topics().gridIntensity(),
        Serdes.String().serializer(),
        new SpecificAvroSerde<>(registry, GridIntensity.class).serializer(),
        grid);
    final InferenceRequest invalid =
        InferenceRequest.newBuilder()
            .setRequestId("dlq-invalid")
            .setModel("m")
            .setNode("node-00")
            .setGpuUuids(List.of())
            .setStartTime(now)
            .setEndTime(now.minusSeconds(5))
            .setInputTokens(10)
            .setOutputTokens(10)
            .build();
    KafkaTestClients.produce(
        bootstrap,
        config.topics().inferenceRequests(),
        Serdes.String().serializer(),
        new SpecificAvroSerde<>(registry, InferenceRequest.class).serializer(),
        Map.of("dlq-invalid", invalid));
    final Map<String, byte[]> garbage = new LinkedHashMap<>();
    garbage.put("dlq-undecodable", "not avro".getBytes(StandardCharsets.UTF_8));
    KafkaTestClients.produce(
        bootstrap,
        config.topics().inferenceRequests(),
        Serdes.String().serializer(),
        Serdes.ByteArray().serializer(),
        garbage);
  }
}
