package io.inferenceimpact.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.runtime.StreamsRuntime;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.testing.TwoGpuNode;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service's metrics endpoint on the real broker and registry: {@link StreamsRuntime} with
 * metrics on an ephemeral port and a bearer token, a small scenario (two GPUs of one node in zone
 * DE, three requests of two models, one grid value), then scrapes over HTTP. Also proves that the
 * secrets of the configuration (a SASL JAAS password, the registry's basic-auth user info, the
 * bearer token) never reach the scrape.
 */
class MetricsEndpointIntegrationTest {
  private static final String SASL_PASSWORD = "sasl-pw-5f1c2b";
  private static final String REGISTRY_PASSWORD = "registry-pw-9a7e31";
  private static final String TOKEN = "scrape-token-4d02c8e1";
  private static final Duration SCENARIO_LIMIT = Duration.ofSeconds(90);

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static StreamsRuntime runtime;
  private static long base;

  @BeforeAll
  static void startServiceAndProduceScenario() throws Exception {
    final String id = SharedInfrastructure.unique("metrics");
    final Properties file = new Properties();
    file.setProperty("topics.partitions", "2");
    for (final String topic :
        List.of("inferenceRequests", "gpuMetrics", "gridIntensity", "fleetNodes")) {
      file.setProperty("topics." + topic, id + "." + topic);
    }
    for (final String topic : List.of("impactRequests", "modelRates", "alerts", "dlq")) {
      file.setProperty("topics." + topic, id + "." + topic);
    }
    file.setProperty("energy.maxSampleGap", "2s");
    file.setProperty("energy.grace", "16s");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    file.setProperty("zones.intensityWait", "16s");
    file.setProperty("windows.size", "5s");
    file.setProperty("windows.grace", "10s");
    final Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.broker().bootstrapServers());
    env.put("KAFKA_APPLICATION_ID", id);
    env.put("KAFKA_STATE_DIR", "target/tmp/" + id);
    env.put("KAFKA_COMMIT_INTERVAL_MS", "200");
    env.put("KAFKA_REPLICATION_FACTOR", "1");
    env.put("KAFKA_NUM_STANDBY_REPLICAS", "0");
    // Unused on the PLAINTEXT listener, but configured like production: it must stay secret.
    env.put(
        "KAFKA_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"impact\""
            + " password=\""
            + SASL_PASSWORD
            + "\";");
    env.put("SCHEMA_REGISTRY_URL", SharedInfrastructure.registry().url());
    env.put("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "impact:" + REGISTRY_PASSWORD);
    env.put("IMPACT_METRICS_PORT", "0");
    env.put("IMPACT_METRICS_BEARER_TOKEN", TOKEN);
    final ImpactConfig config = ConfigLoader.load(file, env);
    SharedInfrastructure.createTopics(config);
    produceScenario(config);
    runtime = StreamsRuntime.start(config);
    assertThat(runtime.awaitRunning(Duration.ofSeconds(90))).as("RUNNING").isTrue();
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void shouldServePerModelCountersLiveRatesGridAndClientMetrics() throws Exception {
    assertThat(get("/ready", TOKEN).statusCode()).isEqualTo(200);

    await()
        .atMost(SCENARIO_LIMIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              final String body = scrape();
              return value(
                          body,
                          "impact_requests_total",
                          "method=\"MEASURED\",model=\"m1\",zone=\"DE\"")
                      == 2.0
                  && value(
                          body,
                          "impact_requests_total",
                          "method=\"MEASURED\",model=\"m2\",zone=\"DE\"")
                      == 1.0
                  && value(body, "impact_model_wh_per_1k_output_tokens", "model=\"m1\",zone=\"DE\"")
                      > 0
                  && body.contains("kafka_consumer_fetch_manager_records_lag_max");
            });
    final String body = scrape();

    assertThat(value(body, "impact_output_tokens_total", "model=\"m1\",zone=\"DE\""))
        .isEqualTo(400.0);
    assertThat(value(body, "impact_input_tokens_total", "model=\"m2\",zone=\"DE\""))
        .isEqualTo(100.0);
    // Two GPUs drew 300 W and 200 W for 20 s: at most 10 kJ of GPU energy to share out.
    final double gpuJoules =
        value(
                body,
                "impact_gpu_energy_joules_total",
                "method=\"MEASURED\",model=\"m1\",zone=\"DE\"")
            + value(
                body,
                "impact_gpu_energy_joules_total",
                "method=\"MEASURED\",model=\"m2\",zone=\"DE\"");
    assertThat(gpuJoules).isGreaterThan(1_000.0).isLessThanOrEqualTo(10_000.0);
    assertThat(
            value(
                body,
                "impact_emissions_grams_total",
                "method=\"MEASURED\",model=\"m1\",scope=\"operational\",zone=\"DE\""))
        .isPositive();
    assertThat(value(body, "impact_request_emissions_grams_count", "model=\"m1\"")).isEqualTo(2.0);
    assertThat(value(body, "impact_model_wh_per_1k_output_tokens", "model=\"m1\",zone=\"DE\""))
        .isPositive()
        .isLessThan(1_000.0);
    assertThat(value(body, "impact_model_window_end_timestamp_seconds", "model=\"m1\",zone=\"DE\""))
        .isBetween(base / 1000.0, base / 1000.0 + 60);
    assertThat(value(body, "impact_grid_intensity_grams_per_kwh", "source=\"test\",zone=\"DE\""))
        .isEqualTo(400.0);
    assertThat(value(body, "impact_grid_updates_total", "source=\"test\",zone=\"DE\""))
        .isEqualTo(1.0);
    assertThat(value(body, "impact_streams_state", "state=\"RUNNING\"")).isEqualTo(1.0);
    assertThat(value(body, "impact_ready", "")).isEqualTo(1.0);
    assertThat(value(body, "kafka_stream_alive_stream_threads", null)).isGreaterThanOrEqualTo(1.0);
    assertThat(body)
        .containsPattern("(?m)^kafka_stream_thread_\\w+\\{")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void shouldKeepSecretsOutOfTheScrapeAndDemandTheToken() throws Exception {
    await()
        .atMost(SCENARIO_LIMIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> scrape().contains("kafka_consumer_fetch_manager_records_lag_max"));

    final HttpResponse<String> text = get(runtime.metricsUrl().orElseThrow().getPath(), TOKEN);
    final HttpResponse<String> openMetrics =
        HTTP.send(
            HttpRequest.newBuilder(runtime.metricsUrl().orElseThrow())
                .header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "application/openmetrics-text")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    for (final HttpResponse<String> scrape : List.of(text, openMetrics)) {
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body())
          .contains("kafka_stream_")
          .doesNotContain(SASL_PASSWORD)
          .doesNotContain(REGISTRY_PASSWORD)
          .doesNotContain(TOKEN);
    }
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get("/metrics", "not-the-token").statusCode()).isEqualTo(401);
    assertThat(get("/ready", null).statusCode()).isEqualTo(401);
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
  }

  private static void produceScenario(final ImpactConfig config) {
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(
                Map.of("schema.registry.url", SharedInfrastructure.registry().url())),
            Map.of());
    final var topics = config.topics();
    base = (System.currentTimeMillis() - 60_000) / 5_000 * 5_000;
    KafkaTestClients.produce(
        bootstrap,
        topics.gridIntensity(),
        Serdes.String().serializer(),
        serdes.avro(GridIntensity.class).serializer(),
        Map.of(
            "DE",
            GridIntensity.newBuilder()
                .setZone("DE")
                .setValidFrom(Instant.ofEpochMilli(base - 3_600_000))
                .setIntensityGPerKwh(400.0)
                .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
                .setEstimated(false)
                .setSource("test")
                .build()));
    final List<Map.Entry<String, GpuSample>> samples = TwoGpuNode.samples(base);
    KafkaTestClients.produce(
        bootstrap,
        topics.gpuMetrics(),
        Serdes.String().serializer(),
        serdes.avro(GpuSample.class).serializer(),
        samples);
    final Map<String, InferenceRequest> requests = TwoGpuNode.requests(base, "DE");
    KafkaTestClients.produce(
        bootstrap,
        topics.inferenceRequests(),
        Serdes.String().serializer(),
        serdes.avro(InferenceRequest.class).serializer(),
        requests);
  }

  private static String scrape() throws Exception {
    final HttpResponse<String> response = get("/metrics", TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static HttpResponse<String> get(final String path, final String token) throws Exception {
    final URI uri = runtime.metricsBaseUrl().orElseThrow().resolve(path);
    final HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The value of the sample with exactly these labels ({@code ""}: none; null: the first sample of
   * the name, whatever its labels), or NaN when there is none.
   */
  static double value(final String body, final String name, final String labels) {
    final String selector =
        labels == null
            ? Pattern.quote(name) + "(\\{[^}]*\\})?"
            : Pattern.quote(name + (labels.isEmpty() ? "" : "{" + labels + "}"));
    final Matcher m = Pattern.compile("(?m)^" + selector + " (\\S+)").matcher(body);
    return m.find() ? Double.parseDouble(m.group(m.groupCount())) : Double.NaN;
  }
}
