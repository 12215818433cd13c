package io.inferenceimpact.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The metrics section: defaults, bounds, and the bearer token that only the environment sets. */
class MetricsSettingsTest {

  @Test
  void shouldDefaultToLoopbackWithBoundedLabelsAndNoToken() {
    final MetricsSettings metrics = ConfigLoader.defaults().metrics();

    assertThat(metrics)
        .isEqualTo(
            new MetricsSettings(true, "127.0.0.1", 9464, "/metrics", 50, 50, false, 20, null));
    assertThat(metrics.requiresToken()).isFalse();
  }

  @Test
  void shouldTakeTheTokenFromTheEnvironmentAndMaskItEverywhere() throws Exception {
    final ImpactConfig config =
        ConfigLoader.load(new Properties(), Map.of("IMPACT_METRICS_BEARER_TOKEN", "tok-7c1e0b2a"));

    assertThat(config.metrics().bearerToken()).isEqualTo("tok-7c1e0b2a");
    assertThat(config.metrics().requiresToken()).isTrue();
    assertThat(config.metrics().toString()).doesNotContain("tok-7c1e0b2a").contains(Secrets.MASK);
    assertThat(config.toString()).doesNotContain("tok-7c1e0b2a");
    assertThat(ConfigPrinter.toYaml(config))
        .doesNotContain("tok-7c1e0b2a")
        .contains("bearerToken: '" + Secrets.MASK + "'");
  }

  @Test
  void shouldRefuseATokenWrittenInAFile() {
    final Properties file = new Properties();
    file.setProperty("metrics.bearerToken", "tok-in-a-file");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("metrics.bearerToken: is a secret")
                    .contains("IMPACT_METRICS_BEARER_TOKEN")
                    .doesNotContain("tok-in-a-file"));
  }

  @Test
  void shouldRefuseBoundsBelowOneAndReservedPaths() {
    final Properties file = new Properties();
    file.setProperty("metrics.maxModels", "0");
    file.setProperty("metrics.path", "/ready");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "metrics.maxModels: must be between 1 and 10000, was 0",
                        "metrics.path: must not be /health or /ready"));
  }

  @Test
  void shouldRefuseABadOtlpUrlAShortStepAndUnknownOtlpKeys() {
    final Properties file = new Properties();
    file.setProperty("metrics.otlp.enabled", "true");
    file.setProperty("metrics.otlp.url", "127.0.0.1:4318/v1/metrics");
    file.setProperty("metrics.otlp.step", "500ms");
    file.setProperty("metrics.otlp.endpoint", "http://collector:4318");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> assertThat(p).startsWith("metrics.otlp.url: must be an http://"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("metrics.otlp.step: must be at least 1s"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("metrics.otlp.endpoint: unknown key")));
  }

  @Test
  void shouldTakeOtlpSettingsFromTheEnvironment() throws Exception {
    final ImpactConfig config =
        ConfigLoader.load(
            new Properties(),
            Map.of(
                "IMPACT_METRICS_OTLP_ENABLED", "true",
                "IMPACT_METRICS_OTLP_URL", "https://collector.example:4318/v1/metrics"));

    assertThat(config.metrics().otlp().enabled()).isTrue();
    assertThat(config.metrics().otlp().url())
        .hasToString("https://collector.example:4318/v1/metrics");
    assertThat(config.metrics().otlp().step()).isEqualTo(java.time.Duration.ofSeconds(60));
  }
}
