package io.inferenceimpact.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.MetricsSettings;
import io.inferenceimpact.testing.ExternalProcess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics.otlp}: the service's meters pushed over OTLP/HTTP to a receiver this test runs (a
 * JDK HTTP server on 127.0.0.1 decoding the protobuf {@code ExportMetricsServiceRequest}) arrive
 * under the names docs/METRICS.md documents for {@code /metrics}, with the same bounded labels.
 */
class OtlpExportTest {
  private HttpServer receiver;
  private final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();
  private final Map<String, String> contentTypes = new ConcurrentHashMap<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/v1/metrics",
        exchange -> {
          final String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
          try (InputStream body =
              "gzip".equalsIgnoreCase(encoding)
                  ? new GZIPInputStream(exchange.getRequestBody())
                  : exchange.getRequestBody()) {
            received.add(ExportMetricsServiceRequest.parseFrom(body.readAllBytes()));
            contentTypes.put(
                "last", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            exchange.sendResponseHeaders(200, -1);
          } catch (final RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
          } finally {
            exchange.close();
          }
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private MetricsSettings settings() throws Exception {
    final Properties file = new Properties();
    file.setProperty("metrics.port", "0");
    file.setProperty("metrics.tenantLabels", "true");
    file.setProperty("metrics.otlp.enabled", "true");
    file.setProperty(
        "metrics.otlp.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics");
    file.setProperty("metrics.otlp.step", "1s");
    file.setProperty("metrics.otlp.serviceName", "impact-otlp-test");
    return ConfigLoader.load(file, Map.of()).metrics();
  }

  @Test
  void shouldPushTheDocumentedNamesWithTheirBoundedLabels() throws Exception {
    final Set<String> documented = documentedServiceMetrics();
    try (ServiceMetrics metrics = new ServiceMetrics(settings())) {
      new StreamsStateMetrics(() -> KafkaStreams.State.RUNNING).bindTo(metrics.meters());
      exercise(metrics);

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(impactNames()).containsAll(documented));

      assertThat(impactNames()).isEqualTo(documented);
      assertThat(contentTypes.get("last")).isEqualTo("application/x-protobuf");
      assertThat(received.get(0).getResourceMetrics(0).getResource().getAttributesList())
          .extracting(KeyValue::getKey, kv -> kv.getValue().getStringValue())
          .contains(org.assertj.core.groups.Tuple.tuple("service.name", "impact-otlp-test"));
      final Metric requests = latest("impact_requests_total");
      assertThat(requests.getSum().getIsMonotonic()).isTrue();
      final NumberDataPoint point = requests.getSum().getDataPoints(0);
      assertThat(point.getAttributesList())
          .extracting(KeyValue::getKey, kv -> kv.getValue().getStringValue())
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("model", "m1"),
              org.assertj.core.groups.Tuple.tuple("zone", "DE"),
              org.assertj.core.groups.Tuple.tuple("method", "MEASURED"));
      assertThat(point.getAsDouble()).isEqualTo(1.0);
      assertThat(latest("impact_request_emissions_grams").hasHistogram()).isTrue();
      // The same meters still answer on /metrics.
      assertThat(metrics.registry().scrape()).contains("impact_requests_total{");
    }
  }

  @Test
  void shouldExportNothingOverOtlpByDefault() throws Exception {
    final MetricsSettings defaults = ConfigLoader.defaults().metrics();
    assertThat(defaults.otlp().enabled()).isFalse();
    try (ServiceMetrics metrics = new ServiceMetrics(defaults.withPort(0))) {
      assertThat(metrics.otlp()).isEmpty();
      assertThat(metrics.meters()).isSameAs(metrics.registry());
    }
  }

  private void exercise(final ServiceMetrics metrics) {
    final var observer = metrics.observer();
    final RequestImpact impact =
        ImpactMetersTest.impact("m1", "DE", ImpactMethod.MEASURED, 10, 20, 5.0, 8.0, 0.2, 0.05);
    impact.setTenant("acme");
    observer.requestImpact(impact);
    observer.idleEnergy("m1", "DE", 100.0, 0.01, 0.002, 0.001);
    final ModelImpactWindow window = new ModelImpactWindow();
    window.setModel("m1");
    window.setZone("DE");
    window.setWindowEnd(Instant.parse("2026-11-27T10:01:00Z"));
    // Every rate set: a gauge appears with its first value.
    window.setWhPer1kOutputTokens(0.5);
    window.setEmissionsGramsPer1kOutputTokens(12.0);
    window.setEmissionsGramsPerRequest(0.3);
    window.setEmissionsGramsPerHour(900.0);
    observer.liveWindow(window);
    observer.finalWindow(window);
    final GridIntensity grid = new GridIntensity();
    grid.setZone("DE");
    grid.setSource("test");
    grid.setValidFrom(Instant.parse("2026-11-27T10:00:00Z"));
    grid.setIntensityGPerKwh(350.0);
    // A forecast that reaches the first horizon: its series exists only while it has a value.
    grid.setForecast(List.of(new ForecastPoint(Instant.parse("2026-11-27T11:00:00Z"), 300.0)));
    observer.gridIntensity(grid);
    observer.deadLetter("invalid", "inference.requests.v1");
    final var alert = new io.inferenceimpact.avro.ImpactAlert();
    alert.setAlertId("a1");
    alert.setRule("budget-burn");
    alert.setSeverity(io.inferenceimpact.avro.AlertSeverity.WARNING);
    alert.setStatus(io.inferenceimpact.avro.AlertStatus.FIRING);
    observer.alert(alert);
  }

  private Set<String> impactNames() {
    final Set<String> names = new TreeSet<>();
    for (final ExportMetricsServiceRequest request : received) {
      request.getResourceMetricsList().stream()
          .flatMap(r -> r.getScopeMetricsList().stream())
          .flatMap(s -> s.getMetricsList().stream())
          .map(Metric::getName)
          .filter(n -> n.startsWith("impact_"))
          .forEach(names::add);
    }
    return names;
  }

  private Metric latest(final String name) {
    Metric found = null;
    for (final ExportMetricsServiceRequest request : received) {
      for (final var resource : request.getResourceMetricsList()) {
        for (final var scope : resource.getScopeMetricsList()) {
          for (final Metric m : scope.getMetricsList()) {
            if (m.getName().equals(name)) {
              found = m;
            }
          }
        }
      }
    }
    assertThat(found).as(name).isNotNull();
    return found;
  }

  /** The service's {@code impact_*} names of docs/METRICS.md (the dcgm-bridge's are its own). */
  private static Set<String> documentedServiceMetrics() throws Exception {
    final String doc =
        Files.readString(ExternalProcess.repoRoot().resolve("docs").resolve("METRICS.md"));
    final Set<String> names = new TreeSet<>();
    final Matcher m = Pattern.compile("`(impact_[a-z0-9_]+)`").matcher(doc);
    while (m.find()) {
      if (!m.group(1).startsWith("impact_dcgm_")) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
