package io.inferenceimpact.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.config.MetricsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint on a real socket: formats, readiness, liveness, the bearer token, the port. */
class MetricsServerTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.CREATED);
  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    registry.close();
  }

  @Test
  void shouldServeThePrometheusTextFormatByDefault() throws Exception {
    Counter.builder("impact.requests").tag("model", "m1").register(registry).increment(3);
    server = start(settings(0, "/metrics", null));

    final HttpResponse<String> response = get(server.metricsUrl(), null, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).contains("# TYPE impact_requests_total counter");
    assertThat(response.body()).contains("impact_requests_total{model=\"m1\"} 3.0");
    assertThat(response.body()).doesNotContain("# EOF");
  }

  @Test
  void shouldServeOpenMetricsWhenTheScraperAsksForIt() throws Exception {
    Counter.builder("impact.requests").tag("model", "m1").register(registry).increment(3);
    server = start(settings(0, "/metrics", null));

    final HttpResponse<String> response =
        get(
            server.metricsUrl(),
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5",
            null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.body()).contains("# TYPE impact_requests counter");
    assertThat(response.body()).contains("impact_requests_total{model=\"m1\"} 3.0");
    assertThat(response.body()).endsWith("# EOF\n");
  }

  @Test
  void shouldServeTheConfiguredPathOnAnEphemeralPort() throws Exception {
    server = start(settings(0, "/prom", null));

    assertThat(server.port()).isPositive();
    assertThat(server.metricsUrl())
        .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/prom"));
    assertThat(get(server.metricsUrl(), null, null).statusCode()).isEqualTo(200);
    assertThat(get(server.baseUrl().resolve("/metrics"), null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldAnswerReadyOnlyWhileKafkaStreamsIsRunning() throws Exception {
    server = start(settings(0, "/metrics", null));
    final URI ready = server.baseUrl().resolve("/ready");

    final HttpResponse<String> created = get(ready, null, null);
    state.set(KafkaStreams.State.REBALANCING);
    final HttpResponse<String> restoring = get(ready, null, null);
    state.set(KafkaStreams.State.RUNNING);
    final HttpResponse<String> running = get(ready, null, null);
    state.set(KafkaStreams.State.PENDING_SHUTDOWN);
    final HttpResponse<String> stopping = get(ready, null, null);

    assertThat(created.statusCode()).isEqualTo(503);
    assertThat(created.body()).isEqualTo("NOT READY: CREATED\n");
    assertThat(restoring.statusCode()).isEqualTo(503);
    assertThat(restoring.body()).contains("REBALANCING");
    assertThat(running.statusCode()).isEqualTo(200);
    assertThat(running.body()).isEqualTo("READY: RUNNING\n");
    assertThat(stopping.statusCode()).isEqualTo(503);
  }

  @Test
  void shouldReportLivenessUntilKafkaStreamsFails() throws Exception {
    server = start(settings(0, "/metrics", null));
    final URI health = server.baseUrl().resolve("/health");

    state.set(KafkaStreams.State.REBALANCING);
    final HttpResponse<String> alive = get(health, null, null);
    state.set(KafkaStreams.State.ERROR);
    final HttpResponse<String> failed = get(health, null, null);

    assertThat(alive.statusCode()).isEqualTo(200);
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.body()).contains("ERROR");
  }

  @Test
  void shouldRequireTheBearerTokenEverywhereButHealth() throws Exception {
    server = start(settings(0, "/metrics", "s3cret-token"));
    state.set(KafkaStreams.State.RUNNING);
    final URI ready = server.baseUrl().resolve("/ready");

    final HttpResponse<String> none = get(server.metricsUrl(), null, null);
    final HttpResponse<String> wrong = get(server.metricsUrl(), null, "Bearer s3cret-tokem");
    final HttpResponse<String> prefix = get(server.metricsUrl(), null, "Bearer s3cret");
    final HttpResponse<String> right = get(server.metricsUrl(), null, "Bearer s3cret-token");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(prefix.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(get(ready, null, null).statusCode()).isEqualTo(401);
    assertThat(get(ready, null, "Bearer s3cret-token").statusCode()).isEqualTo(200);
    assertThat(get(server.baseUrl().resolve("/health"), null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseOtherMethods() throws Exception {
    server = start(settings(0, "/metrics", null));

    final HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(server.metricsUrl())
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void shouldFailNamingMetricsPortWhenThePortIsTaken() {
    server = start(settings(0, "/metrics", null));
    final MetricsSettings taken = settings(server.port(), "/metrics", null);

    assertThatThrownBy(() -> MetricsServer.start(taken, registry, state::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("metrics.port")
        .hasMessageContaining("127.0.0.1:" + server.port());
  }

  private MetricsServer start(final MetricsSettings settings) {
    return MetricsServer.start(settings, registry, state::get);
  }

  static MetricsSettings settings(final int port, final String path, final String token) {
    return new MetricsSettings(true, "127.0.0.1", port, path, 50, 50, false, 20, token);
  }

  private HttpResponse<String> get(final URI uri, final String accept, final String authorization)
      throws Exception {
    final HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
