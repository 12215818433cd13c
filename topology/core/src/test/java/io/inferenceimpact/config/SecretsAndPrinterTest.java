package io.inferenceimpact.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.binding.Durations;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsAndPrinterTest {

  @Test
  void shouldRecogniseSecretKeys() {
    assertThat(Secrets.isSecret("ssl.key.password")).isTrue();
    assertThat(Secrets.isSecret("sasl.jaas.config")).isTrue();
    assertThat(Secrets.isSecret("basic.auth.user.info")).isTrue();
    assertThat(Secrets.isSecret("bearer.auth.token")).isTrue();
    assertThat(Secrets.isSecret("grid.api.key")).isTrue();
    assertThat(Secrets.isSecret("clientSecret")).isTrue();
    assertThat(Secrets.isSecret("bootstrap.servers")).isFalse();
    assertThat(Secrets.isSecret("basic.auth.credentials.source")).isFalse();
  }

  @Test
  void shouldMaskSecretsInPrintoutAndToString() throws Exception {
    final ImpactConfig config =
        ConfigLoader.load(
            (java.nio.file.Path) null,
            Map.of(
                "KAFKA_SASL_JAAS_CONFIG", "Login required password=\"hunter2\";",
                "KAFKA_SSL_KEYSTORE_PASSWORD", "hunter3",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "alice:hunter4"));

    final String yaml = ConfigPrinter.toYaml(config);

    assertThat(yaml)
        .doesNotContain("hunter")
        .contains("sasl.jaas.config: '" + Secrets.MASK + "'")
        .contains("ssl.keystore.password: '" + Secrets.MASK + "'")
        .contains("basic.auth.user.info: '" + Secrets.MASK + "'")
        .contains("bootstrap.servers: 127.0.0.1:9092")
        .contains("slotSize: 5s")
        .contains("minEventTime: 2020-01-01T00:00:00Z")
        .contains("dedupWindow: 10m");
    assertThat(config.toString()).doesNotContain("hunter");
    assertThat(config.kafka().properties())
        .as("the values themselves stay usable")
        .containsEntry("ssl.keystore.password", "hunter3");
  }

  @Test
  void shouldParseDurationsInBothForms() {
    assertThat(Durations.parse("PT5S")).contains(java.time.Duration.ofSeconds(5));
    assertThat(Durations.parse("5s")).contains(java.time.Duration.ofSeconds(5));
    assertThat(Durations.parse("10m")).contains(java.time.Duration.ofMinutes(10));
    assertThat(Durations.parse("1h")).contains(java.time.Duration.ofHours(1));
    assertThat(Durations.parse("1.5h")).contains(java.time.Duration.ofMinutes(90));
    assertThat(Durations.parse("250ms")).contains(java.time.Duration.ofMillis(250));
    assertThat(Durations.parse("5")).isEmpty();
    assertThat(Durations.parse("soon")).isEmpty();
    assertThat(Durations.format(java.time.Duration.ofMinutes(10))).isEqualTo("10m");
  }
}
