package io.inferenceimpact.metrics;

import io.inferenceimpact.config.OtlpSettings;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * The OpenTelemetry export of {@code metrics.otlp}: a Micrometer OTLP registry that pushes every
 * {@code step} to the collector's OTLP/HTTP endpoint, with metric names spelled exactly as on
 * {@code /metrics} (docs/METRICS.md: {@code impact_requests_total}, …), so that dashboards and
 * alert rules work on either path. Settings come only from the configuration, never from {@code
 * OTEL_*} variables, so that {@code impact config validate} shows what is used.
 */
final class OtlpExport {
  private OtlpExport() {}

  static OtlpMeterRegistry registry(final OtlpSettings settings) {
    final OtlpConfig config =
        new OtlpConfig() {
          @Override
          public String get(final String key) {
            return null;
          }

          @Override
          public String url() {
            return settings.url().toString();
          }

          @Override
          public Duration step() {
            return settings.step();
          }

          @Override
          public Map<String, String> resourceAttributes() {
            return Map.of("service.name", settings.serviceName());
          }

          @Override
          public Map<String, String> headers() {
            return Map.of();
          }

          @Override
          public boolean publishMaxGaugeForHistograms() {
            return false; // /metrics has no *_max series for the histogram either
          }
        };
    final OtlpMeterRegistry registry = new OtlpMeterRegistry(config, Clock.SYSTEM);
    registry.config().namingConvention(new PrometheusNames());
    return registry;
  }

  /** Prometheus' names: snake case, base unit, and {@code _total} on counters. */
  static final class PrometheusNames implements NamingConvention {
    private final PrometheusNamingConvention prometheus = new PrometheusNamingConvention();

    @Override
    public String name(final String name, final Meter.Type type, final String baseUnit) {
      final String converted = prometheus.name(name, type, baseUnit);
      return type == Meter.Type.COUNTER && !converted.endsWith("_total")
          ? converted + "_total"
          : converted;
    }

    @Override
    public String tagKey(final String key) {
      return prometheus.tagKey(key);
    }

    @Override
    public String tagValue(final String value) {
      return prometheus.tagValue(value);
    }
  }
}
