package io.inferenceimpact.metrics;

import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.MetricsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of per-request results and idle energy (docs/METRICS.md, "Per-request results"), and
 * the per-tenant counters when {@code metrics.tenantLabels} is on. Meters are looked up once per
 * label combination and kept: the labels are bounded, so the cache is too. The per-request
 * emissions histogram is a Prometheus client histogram on the registry's own Prometheus registry:
 * Micrometer's histograms round each value up to a whole number before bucketing, which would put
 * every request under 1 g into the 1 g bucket.
 */
final class RequestMeters {
  /** Buckets of the per-request emissions histogram, grams CO2e (1 mg … 100 g). */
  static final double[] EMISSIONS_BUCKETS_GRAMS = {
    0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100
  };

  private final MeterRegistry registry;
  private final BoundedLabel models;
  private final BoundedLabel zones;
  private final BoundedLabel tenants;
  private final Map<Tags, PerRequest> perRequest = new ConcurrentHashMap<>();
  private final Map<Tags, PerTenant> perTenant = new ConcurrentHashMap<>();
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
  private final Histogram emissionsPerRequest;
  private final MeterRegistry otlp;
  private final Map<String, DistributionSummary> otlpEmissions = new ConcurrentHashMap<>();

  RequestMeters(
      final MeterRegistry registry,
      final PrometheusMeterRegistry prometheus,
      final MeterRegistry otlp,
      final MetricsSettings settings,
      final BoundedLabel models,
      final BoundedLabel zones) {
    this.registry = registry;
    this.models = models;
    this.zones = zones;
    this.tenants = settings.tenantLabels() ? new BoundedLabel(settings.maxTenants()) : null;
    this.emissionsPerRequest =
        Histogram.builder()
            .name("impact_request_emissions_grams")
            .help("Operational + embodied gCO2e per request")
            .labelNames("model")
            .classicOnly()
            .classicUpperBounds(EMISSIONS_BUCKETS_GRAMS)
            .withoutExemplars()
            .build();
    prometheus.getPrometheusRegistry().register(emissionsPerRequest);
    this.otlp = otlp;
  }

  void record(final RequestImpact impact) {
    final String model = models.of(impact.getModel());
    final String zone = zones.of(impact.getZone());
    final String method = method(impact);
    final PerRequest m =
        perRequest.computeIfAbsent(
            Tags.of("model", model, "zone", zone, "method", method), this::perRequest);
    m.requests.increment();
    Amounts.add(m.inputTokens, impact.getInputTokens());
    Amounts.add(m.outputTokens, impact.getOutputTokens());
    Amounts.add(m.gpuEnergyJoules, impact.getGpuEnergyJoules());
    Amounts.add(m.energyJoules, impact.getFacilityEnergyJoules());
    Amounts.add(m.operationalGrams, impact.getOperationalEmissionsGrams());
    Amounts.add(m.embodiedGrams, impact.getEmbodiedEmissionsGrams());
    Amounts.add(m.waterLitres, impact.getWaterLitres());
    final double grams =
        Amounts.orZero(impact.getOperationalEmissionsGrams())
            + Amounts.orZero(impact.getEmbodiedEmissionsGrams());
    emissionsPerRequest.labelValues(model).observe(grams);
    if (otlp != null) {
      otlpEmissions.computeIfAbsent(model, this::otlpEmissions).record(grams);
    }
    if (tenants != null) {
      final PerTenant t =
          perTenant.computeIfAbsent(
              Tags.of("tenant", tenants.of(impact.getTenant())), this::tenant);
      t.requests.increment();
      Amounts.add(t.outputTokens, impact.getOutputTokens());
      Amounts.add(t.energyJoules, impact.getFacilityEnergyJoules());
      Amounts.add(t.operationalGrams, impact.getOperationalEmissionsGrams());
      Amounts.add(t.embodiedGrams, impact.getEmbodiedEmissionsGrams());
    }
  }

  void idle(
      final String model,
      final String zone,
      final double facilityJoules,
      final double operationalGrams,
      final double embodiedGrams) {
    final Tags tags = Tags.of("model", models.of(model), "zone", zones.of(zone));
    Amounts.add(counter("impact.idle.energy.joules", tags), facilityJoules);
    Amounts.add(counter("impact.idle.emissions.grams", tags), operationalGrams);
    Amounts.add(counter("impact.idle.embodied.grams", tags), embodiedGrams);
  }

  /** The OTLP export's histogram of the same name and buckets as the Prometheus one. */
  private DistributionSummary otlpEmissions(final String model) {
    return DistributionSummary.builder("impact.request.emissions.grams")
        .description("Operational + embodied gCO2e per request")
        .tag("model", model)
        .serviceLevelObjectives(EMISSIONS_BUCKETS_GRAMS)
        .register(otlp);
  }

  /** A counter by name and labels, registered on first use. */
  Counter counter(final String name, final Tags tags) {
    return counters.computeIfAbsent(
        new CounterKey(name, tags),
        k -> Counter.builder(name).description(MeterHelp.of(name)).tags(tags).register(registry));
  }

  private static String method(final RequestImpact impact) {
    final String method = Amounts.name(impact.getMethod());
    return method == null ? "ESTIMATED" : method;
  }

  private PerRequest perRequest(final Tags tags) {
    final Tags modelZone =
        Tags.of(tags.stream().filter(t -> !t.getKey().equals("method")).toList());
    return new PerRequest(
        Counter.builder("impact.requests")
            .description(MeterHelp.of("impact.requests"))
            .tags(tags)
            .register(registry),
        counter("impact.input.tokens", modelZone),
        counter("impact.output.tokens", modelZone),
        Counter.builder("impact.gpu.energy.joules")
            .description(MeterHelp.of("impact.gpu.energy.joules"))
            .tags(tags)
            .register(registry),
        Counter.builder("impact.energy.joules")
            .description(MeterHelp.of("impact.energy.joules"))
            .tags(tags)
            .register(registry),
        emissions(tags, "operational"),
        emissions(tags, "embodied"),
        Counter.builder("impact.water.litres")
            .description(MeterHelp.of("impact.water.litres"))
            .tags(tags)
            .register(registry));
  }

  private Counter emissions(final Tags tags, final String scope) {
    return Counter.builder("impact.emissions.grams")
        .description(MeterHelp.of("impact.emissions.grams"))
        .tags(tags.and("scope", scope))
        .register(registry);
  }

  private PerTenant tenant(final Tags tags) {
    return new PerTenant(
        Counter.builder("impact.tenant.requests")
            .description(MeterHelp.of("impact.tenant.requests"))
            .tags(tags)
            .register(registry),
        Counter.builder("impact.tenant.output.tokens")
            .description(MeterHelp.of("impact.tenant.output.tokens"))
            .tags(tags)
            .register(registry),
        Counter.builder("impact.tenant.energy.joules")
            .description(MeterHelp.of("impact.tenant.energy.joules"))
            .tags(tags)
            .register(registry),
        Counter.builder("impact.tenant.emissions.grams")
            .description(MeterHelp.of("impact.tenant.emissions.grams"))
            .tags(tags.and("scope", "operational"))
            .register(registry),
        Counter.builder("impact.tenant.emissions.grams")
            .description(MeterHelp.of("impact.tenant.emissions.grams"))
            .tags(tags.and("scope", "embodied"))
            .register(registry));
  }

  private record CounterKey(String name, Tags tags) {}

  private record PerRequest(
      Counter requests,
      Counter inputTokens,
      Counter outputTokens,
      Counter gpuEnergyJoules,
      Counter energyJoules,
      Counter operationalGrams,
      Counter embodiedGrams,
      Counter waterLitres) {}

  private record PerTenant(
      Counter requests,
      Counter outputTokens,
      Counter energyJoules,
      Counter operationalGrams,
      Counter embodiedGrams) {}
}
