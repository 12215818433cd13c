package io.inferenceimpact.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.MetricsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each metric of docs/METRICS.md from the observer calls that feed it; bounds; robustness. */
class ImpactMetersTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private ImpactMeters meters = new ImpactMeters(registry, settings(50, 50, false, 20));

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void shouldCountRequestResultsByModelZoneAndMethod() {
    meters.requestImpact(impact("m1", "DE", ImpactMethod.MEASURED, 100, 200, 50.0, 72.0, 2.0, 0.5));
    meters.requestImpact(impact("m1", "DE", ImpactMethod.MEASURED, 10, 20, 5.0, 8.0, 0.2, 0.05));
    meters.requestImpact(impact("m1", "DE", ImpactMethod.ESTIMATED, 1, 2, 0.0, 3.0, 0.02, 0.0));

    assertThat(count("impact.requests", "model", "m1", "zone", "DE", "method", "MEASURED"))
        .isEqualTo(2.0);
    assertThat(count("impact.requests", "model", "m1", "zone", "DE", "method", "ESTIMATED"))
        .isEqualTo(1.0);
    assertThat(count("impact.input.tokens", "model", "m1", "zone", "DE")).isEqualTo(111.0);
    assertThat(count("impact.output.tokens", "model", "m1", "zone", "DE")).isEqualTo(222.0);
    assertThat(count("impact.gpu.energy.joules", "method", "MEASURED")).isEqualTo(55.0);
    assertThat(count("impact.energy.joules", "method", "MEASURED")).isEqualTo(80.0);
    assertThat(count("impact.emissions.grams", "method", "MEASURED", "scope", "operational"))
        .isCloseTo(2.2, within(1e-9));
    assertThat(count("impact.emissions.grams", "method", "MEASURED", "scope", "embodied"))
        .isCloseTo(0.55, within(1e-9));
    assertThat(count("impact.water.litres", "method", "MEASURED")).isCloseTo(0.08, within(1e-9));
    assertThat(registry.scrape())
        .contains("impact_request_emissions_grams_count{model=\"m1\"} 3")
        .contains("impact_request_emissions_grams_sum{model=\"m1\"} 2.77")
        .contains("impact_request_emissions_grams_bucket{model=\"m1\",le=\"0.01\"} 0")
        .contains("impact_request_emissions_grams_bucket{model=\"m1\",le=\"0.03\"} 1")
        .contains("impact_request_emissions_grams_bucket{model=\"m1\",le=\"0.3\"} 2")
        .contains("impact_request_emissions_grams_bucket{model=\"m1\",le=\"3.0\"} 3")
        .contains("impact_emissions_grams_total{method=\"MEASURED\",model=\"m1\"");
  }

  @Test
  void shouldCountIdleEnergyOfTheModelTheGpuServedLast() {
    meters.idleEnergy("m1", "FR", 1_000.0, 0.02, 0.004, 0.001);
    meters.idleEnergy("m1", "FR", 500.0, 0.01, 0.002, 0.0005);

    assertThat(count("impact.idle.energy.joules", "model", "m1", "zone", "FR")).isEqualTo(1_500.0);
    assertThat(count("impact.idle.emissions.grams", "model", "m1", "zone", "FR"))
        .isCloseTo(0.03, within(1e-12));
    assertThat(count("impact.idle.embodied.grams", "model", "m1", "zone", "FR"))
        .isCloseTo(0.006, within(1e-12));
  }

  @Test
  void shouldShowTheRatesOfTheNewestOpenWindow() {
    meters.liveWindow(window("m1", "DE", T0.plusSeconds(60), 0.5, 12.0, 0.3, 900.0));
    meters.liveWindow(window("m1", "DE", T0.plusSeconds(120), 0.6, 14.0, 0.4, 1_000.0));
    meters.liveWindow(window("m1", "DE", T0.plusSeconds(60), 9.0, 9.0, 9.0, 9.0)); // older
    meters.liveWindow(window("m1", "DE", T0.plusSeconds(120), null, null, null, 1_100.0));

    assertThat(gauge("impact.model.wh.per.1k.output.tokens", "m1")).isEqualTo(0.6);
    assertThat(gauge("impact.model.emissions.grams.per.1k.output.tokens", "m1")).isEqualTo(14.0);
    assertThat(gauge("impact.model.emissions.grams.per.request", "m1")).isEqualTo(0.4);
    assertThat(gauge("impact.model.emissions.grams.per.hour", "m1")).isEqualTo(1_100.0);
    assertThat(gauge("impact.model.window.end.timestamp.seconds", "m1"))
        .isEqualTo(T0.plusSeconds(120).getEpochSecond());
  }

  @Test
  void shouldCountFinalWindows() {
    meters.finalWindow(window("m1", "DE", T0.plusSeconds(60), 0.5, 12.0, 0.3, 900.0));
    meters.finalWindow(window("m1", "DE", T0.plusSeconds(120), 0.5, 12.0, 0.3, 900.0));

    assertThat(count("impact.model.windows", "model", "m1", "zone", "DE")).isEqualTo(2.0);
  }

  @Test
  void shouldShowTheNewestGridValueItsForecastAndFreshness() {
    meters.gridIntensity(
        grid(
            "DE",
            "electricitymaps",
            T0,
            350.0,
            List.of(
                point(T0.plus(Duration.ofHours(1)), 300.0), point(T0.plusSeconds(10_800), 250.0))));
    meters.gridIntensity(grid("DE", "electricitymaps", T0.minusSeconds(3_600), 999.0, List.of()));

    assertThat(
            registry.get("impact.grid.intensity.grams.per.kwh").tag("zone", "DE").gauge().value())
        .isEqualTo(350.0);
    assertThat(forecast("DE", "1h")).isEqualTo(300.0);
    assertThat(forecast("DE", "3h")).isEqualTo(250.0);
    assertThat(forecastHorizons("DE")).as("horizons the forecast reaches").containsOnly("1h", "3h");
    assertThat(
            registry
                .get("impact.grid.intensity.valid.from.timestamp.seconds")
                .tag("zone", "DE")
                .gauge()
                .value())
        .isEqualTo(T0.getEpochSecond());
    assertThat(count("impact.grid.updates", "zone", "DE", "source", "electricitymaps"))
        .isEqualTo(2.0);
  }

  @Test
  void shouldExportNoNanGaugeForZonesWithoutForecastsOrModelsWithoutRates() {
    meters.gridIntensity(grid("FR", "static", T0, 60.0, List.of()));
    meters.gridIntensity(
        grid("DE", "electricitymaps", T0, 350.0, List.of(point(T0.plusSeconds(3_600), 300.0))));
    meters.liveWindow(window("m1", "DE", T0.plusSeconds(60), null, null, null, 900.0));

    assertThat(forecastHorizons("FR")).as("forecast series of a zone without forecast").isEmpty();
    assertThat(forecastHorizons("DE")).containsOnly("1h");
    assertThat(registry.find("impact.model.emissions.grams.per.request").gauges())
        .as("a rate the window cannot give yet has no series")
        .isEmpty();
    assertThat(gauge("impact.model.emissions.grams.per.hour", "m1")).isEqualTo(900.0);
    assertThat(registry.scrape().lines().filter(l -> !l.startsWith("#")))
        .as("scraped samples")
        .isNotEmpty()
        .noneMatch(l -> l.endsWith(" NaN"));

    // A newer value whose forecast no longer reaches 1h takes that series away.
    meters.gridIntensity(grid("DE", "electricitymaps", T0.plusSeconds(60), 340.0, List.of()));
    assertThat(forecastHorizons("DE")).isEmpty();
    assertThat(registry.scrape()).doesNotContain("NaN");
  }

  @Test
  void shouldKeepOneIntensitySeriesPerZoneWhenItsSourceChanges() {
    meters.gridIntensity(grid("GB", "FALLBACK", T0, 200.0, List.of()));
    meters.gridIntensity(grid("GB", "ukcarbonintensity", T0.plusSeconds(1_800), 180.0, List.of()));

    final List<Gauge> series =
        List.copyOf(
            registry.find("impact.grid.intensity.grams.per.kwh").tag("zone", "GB").gauges());
    assertThat(series).hasSize(1);
    assertThat(series.get(0).getId().getTag("source")).isEqualTo("ukcarbonintensity");
    assertThat(series.get(0).value()).isEqualTo(180.0);
  }

  @Test
  void shouldCountDeadLettersByReasonAndSourceTopic() {
    meters.deadLetter("invalid", "inference.requests.v1");
    meters.deadLetter("invalid", "inference.requests.v1");
    meters.deadLetter("undecodable", "gpu.metrics.v1");

    assertThat(
            count(
                "impact.dlq.records", "reason", "invalid", "source_topic", "inference.requests.v1"))
        .isEqualTo(2.0);
    assertThat(
            count("impact.dlq.records", "reason", "undecodable", "source_topic", "gpu.metrics.v1"))
        .isEqualTo(1.0);
  }

  @Test
  void shouldCountFiringEpisodesUpAndDownByAlertId() {
    meters.alert(alert("a1", "budget-burn", AlertSeverity.CRITICAL, AlertStatus.FIRING));
    meters.alert(alert("a2", "budget-burn", AlertSeverity.CRITICAL, AlertStatus.FIRING));
    meters.alert(alert("a2", "budget-burn", AlertSeverity.CRITICAL, AlertStatus.FIRING)); // retold
    meters.alert(alert("b1", "dirty-grid", AlertSeverity.WARNING, AlertStatus.FIRING));
    final double bothFiring = firing("budget-burn", "CRITICAL");
    meters.alert(alert("a1", "budget-burn", AlertSeverity.CRITICAL, AlertStatus.RESOLVED));
    meters.alert(
        alert("x9", "budget-burn", AlertSeverity.CRITICAL, AlertStatus.RESOLVED)); // unseen
    meters.alert(alert("a1", "budget-burn", AlertSeverity.CRITICAL, AlertStatus.RESOLVED)); // again

    assertThat(bothFiring).isEqualTo(2.0);
    assertThat(firing("budget-burn", "CRITICAL")).isEqualTo(1.0);
    assertThat(firing("dirty-grid", "WARNING")).isEqualTo(1.0);
    assertThat(
            count(
                "impact.alert.transitions",
                "rule",
                "budget-burn",
                "severity",
                "CRITICAL",
                "status",
                "FIRING"))
        .isEqualTo(3.0);
    assertThat(
            count(
                "impact.alert.transitions",
                "rule",
                "budget-burn",
                "severity",
                "CRITICAL",
                "status",
                "RESOLVED"))
        .isEqualTo(3.0);
  }

  @Test
  void shouldReportModelsAndZonesPastTheBoundAsOther() {
    withSettings(settings(2, 1, false, 20));
    for (final String model : List.of("m1", "m2", "m3", "m4", "m1")) {
      meters.requestImpact(impact(model, "DE", ImpactMethod.MEASURED, 1, 1, 1, 1, 1, 1));
    }
    meters.requestImpact(impact("m1", "FR", ImpactMethod.MEASURED, 1, 1, 1, 1, 1, 1));

    assertThat(count("impact.requests", "model", "m1", "zone", "DE")).isEqualTo(2.0);
    assertThat(count("impact.requests", "model", "m2", "zone", "DE")).isEqualTo(1.0);
    assertThat(count("impact.requests", "model", "other", "zone", "DE")).isEqualTo(2.0);
    assertThat(count("impact.requests", "model", "m1", "zone", "other")).isEqualTo(1.0);
    assertThat(registry.find("impact.requests").counters())
        .extracting(c -> c.getId().getTag("model"))
        .containsOnly("m1", "m2", "other");
  }

  @Test
  void shouldAddTenantSeriesOnlyWhenConfiguredAndBounded() {
    meters.requestImpact(tenantImpact("acme"));
    assertThat(registry.find("impact.tenant.requests").counters()).isEmpty();

    withSettings(settings(50, 50, true, 2));
    for (final String tenant : List.of("acme", "globex", "initech", "acme")) {
      meters.requestImpact(tenantImpact(tenant));
    }

    assertThat(count("impact.tenant.requests", "tenant", "acme")).isEqualTo(2.0);
    assertThat(count("impact.tenant.requests", "tenant", "globex")).isEqualTo(1.0);
    assertThat(count("impact.tenant.requests", "tenant", "other")).isEqualTo(1.0);
    assertThat(count("impact.tenant.energy.joules", "tenant", "acme")).isEqualTo(20.0);
    assertThat(count("impact.tenant.emissions.grams", "tenant", "acme", "scope", "operational"))
        .isEqualTo(4.0);
  }

  @Test
  void shouldNeverThrowOnMissingValues() {
    assertThatCode(
            () -> {
              meters.requestImpact(null);
              meters.requestImpact(new RequestImpact());
              meters.idleEnergy(null, null, Double.NaN, -1.0, Double.NaN, Double.POSITIVE_INFINITY);
              meters.liveWindow(null);
              meters.liveWindow(new ModelImpactWindow());
              meters.finalWindow(null);
              meters.finalWindow(new ModelImpactWindow());
              meters.gridIntensity(null);
              meters.gridIntensity(new GridIntensity());
              meters.deadLetter(null, null);
              meters.alert(null);
              meters.alert(new ImpactAlert());
            })
        .doesNotThrowAnyException();
    assertThat(
            count("impact.requests", "model", "unknown", "zone", "unknown", "method", "ESTIMATED"))
        .isEqualTo(1.0);
    assertThat(count("impact.dlq.records", "reason", "unknown", "source_topic", "unknown"))
        .isEqualTo(1.0);
    assertThat(count("impact.idle.energy.joules", "model", "unknown")).isZero();
  }

  private void withSettings(final MetricsSettings settings) {
    registry.close();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    meters = new ImpactMeters(registry, settings);
  }

  private double count(final String name, final String... tags) {
    return registry.get(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  private double gauge(final String name, final String model) {
    return registry.get(name).tag("model", model).tag("zone", "DE").gauge().value();
  }

  /** The horizons of the zone's forecast series. */
  private List<String> forecastHorizons(final String zone) {
    return registry
        .find("impact.grid.intensity.forecast.grams.per.kwh")
        .tag("zone", zone)
        .gauges()
        .stream()
        .map(g -> g.getId().getTag("horizon"))
        .toList();
  }

  private double forecast(final String zone, final String horizon) {
    return registry
        .get("impact.grid.intensity.forecast.grams.per.kwh")
        .tag("zone", zone)
        .tag("horizon", horizon)
        .gauge()
        .value();
  }

  private double firing(final String rule, final String severity) {
    return registry
        .get("impact.alerts.firing")
        .tag("rule", rule)
        .tag("severity", severity)
        .gauge()
        .value();
  }

  static MetricsSettings settings(
      final int maxModels, final int maxZones, final boolean tenants, final int maxTenants) {
    return new MetricsSettings(
        true, "127.0.0.1", 0, "/metrics", maxModels, maxZones, tenants, maxTenants, null);
  }

  static RequestImpact impact(
      final String model,
      final String zone,
      final ImpactMethod method,
      final long inputTokens,
      final long outputTokens,
      final double gpuJoules,
      final double facilityJoules,
      final double operationalGrams,
      final double embodiedGrams) {
    final RequestImpact impact = new RequestImpact();
    impact.setModel(model);
    impact.setZone(zone);
    impact.setMethod(method);
    impact.setInputTokens(inputTokens);
    impact.setOutputTokens(outputTokens);
    impact.setGpuEnergyJoules(gpuJoules);
    impact.setFacilityEnergyJoules(facilityJoules);
    impact.setOperationalEmissionsGrams(operationalGrams);
    impact.setEmbodiedEmissionsGrams(embodiedGrams);
    impact.setWaterLitres(facilityJoules / 1_000.0);
    return impact;
  }

  private static RequestImpact tenantImpact(final String tenant) {
    final RequestImpact impact =
        impact("m1", "DE", ImpactMethod.MEASURED, 1, 5, 8.0, 10.0, 2.0, 1.0);
    impact.setTenant(tenant);
    return impact;
  }

  private static ModelImpactWindow window(
      final String model,
      final String zone,
      final Instant end,
      final Double whPer1k,
      final Double gramsPer1k,
      final Double gramsPerRequest,
      final Double gramsPerHour) {
    final ModelImpactWindow window = new ModelImpactWindow();
    window.setModel(model);
    window.setZone(zone);
    window.setWindowStart(end.minusSeconds(60));
    window.setWindowEnd(end);
    window.setWhPer1kOutputTokens(whPer1k);
    window.setEmissionsGramsPer1kOutputTokens(gramsPer1k);
    window.setEmissionsGramsPerRequest(gramsPerRequest);
    window.setEmissionsGramsPerHour(gramsPerHour);
    return window;
  }

  private static GridIntensity grid(
      final String zone,
      final String source,
      final Instant validFrom,
      final double gramsPerKwh,
      final List<ForecastPoint> forecast) {
    final GridIntensity value = new GridIntensity();
    value.setZone(zone);
    value.setSource(source);
    value.setValidFrom(validFrom);
    value.setIntensityGPerKwh(gramsPerKwh);
    value.setForecast(forecast);
    return value;
  }

  private static ForecastPoint point(final Instant from, final double gramsPerKwh) {
    return new ForecastPoint(from, gramsPerKwh);
  }

  private static ImpactAlert alert(
      final String id, final String rule, final AlertSeverity severity, final AlertStatus status) {
    final ImpactAlert alert = new ImpactAlert();
    alert.setAlertId(id);
    alert.setRule(rule);
    alert.setSeverity(severity);
    alert.setStatus(status);
    return alert;
  }
}
