package io.inferenceimpact.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.dcgm.DcgmBridgeMeters;
import io.inferenceimpact.testing.ExternalProcess;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * docs/METRICS.md is the contract dashboards and alert rules are written against: every {@code
 * impact_*} metric it names is what the application (and {@code impact dcgm-bridge}) exposes after
 * each observer call, no more and no fewer, and each has a HELP text.
 */
class MetricsContractTest {

  @Test
  void shouldExposeExactlyTheImpactMetricsTheContractNames() throws Exception {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      final ImpactMeters meters =
          new ImpactMeters(registry, ImpactMetersTest.settings(50, 50, true, 20));
      new StreamsStateMetrics(() -> KafkaStreams.State.RUNNING).bindTo(registry);
      // impact dcgm-bridge's meters (its own /metrics; section "dcgm-bridge" of the contract).
      new DcgmBridgeMeters(registry);
      exerciseEveryCall(meters);

      final Set<String> exposed = new TreeSet<>();
      final Matcher types =
          Pattern.compile("(?m)^# TYPE (impact_\\w+) ").matcher(registry.scrape());
      while (types.find()) {
        exposed.add(types.group(1));
      }

      assertThat(exposed).isEqualTo(documented());
      assertThat(registry.getMeters())
          .filteredOn(m -> m.getId().getName().startsWith("impact."))
          .allSatisfy(
              (Meter m) ->
                  assertThat(m.getId().getDescription()).as(m.getId().getName()).isNotBlank());
    } finally {
      registry.close();
    }
  }

  /** Every backticked {@code impact_…} name of the contract; {@code impact_tenant_*} expanded. */
  private static Set<String> documented() throws Exception {
    final String doc =
        Files.readString(ExternalProcess.repoRoot().resolve("docs").resolve("METRICS.md"));
    final Set<String> names = new TreeSet<>();
    final Matcher m = Pattern.compile("`(impact_[a-z0-9_]+)`").matcher(doc);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static void exerciseEveryCall(final ImpactMeters meters) {
    final RequestImpact impact =
        ImpactMetersTest.impact("m1", "DE", ImpactMethod.MEASURED, 10, 20, 5.0, 8.0, 0.2, 0.05);
    impact.setTenant("acme");
    meters.requestImpact(impact);
    meters.idleEnergy("m1", "DE", 100.0, 0.01, 0.002, 0.001);
    final ModelImpactWindow window = new ModelImpactWindow();
    window.setModel("m1");
    window.setZone("DE");
    window.setWindowEnd(Instant.parse("2026-11-27T10:01:00Z"));
    // Every rate set: a gauge appears with its first value.
    window.setWhPer1kOutputTokens(0.5);
    window.setEmissionsGramsPer1kOutputTokens(12.0);
    window.setEmissionsGramsPerRequest(0.3);
    window.setEmissionsGramsPerHour(900.0);
    meters.liveWindow(window);
    meters.finalWindow(window);
    final GridIntensity grid = new GridIntensity();
    grid.setZone("DE");
    grid.setSource("test");
    grid.setValidFrom(Instant.parse("2026-11-27T10:00:00Z"));
    grid.setIntensityGPerKwh(350.0);
    // A forecast that reaches the first horizon: its series exists only while it has a value.
    grid.setForecast(List.of(new ForecastPoint(Instant.parse("2026-11-27T11:00:00Z"), 300.0)));
    meters.gridIntensity(grid);
    meters.deadLetter("invalid", "inference.requests.v1");
    final ImpactAlert alert = new ImpactAlert();
    alert.setAlertId("a1");
    alert.setRule("budget-burn");
    alert.setSeverity(AlertSeverity.WARNING);
    alert.setStatus(AlertStatus.FIRING);
    meters.alert(alert);
  }
}
