package io.inferenceimpact.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

  @Test
  void shouldDefaultToDocumentedLimits() {
    final IngestSettings ingest = ConfigLoader.defaults().ingest();

    assertThat(ingest.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(ingest.minEventTime()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(ingest.maxTokens()).isEqualTo(10_000_000L);
    assertThat(ingest.maxRequestDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(ingest.maxPowerWatts()).isEqualTo(5_000.0);
    assertThat(ingest.dedupWindow()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldBindEveryKeyFromFileAndEnvironment() throws Exception {
    final Properties file = new Properties();
    file.setProperty("ingest.minEventTime", "2024-06-01");
    file.setProperty("ingest.maxTokens", "2000000");
    file.setProperty("ingest.maxRequestDuration", "3h");
    file.setProperty("ingest.maxPowerWatts", "1500");

    final IngestSettings ingest =
        ConfigLoader.load(
                file,
                Map.of(
                    "IMPACT_INGEST_DEDUP_WINDOW", "30m",
                    "IMPACT_INGEST_MIN_EVENT_TIME", "2024-06-01T12:00:00Z"))
            .ingest();

    assertThat(ingest.minEventTime()).isEqualTo(Instant.parse("2024-06-01T12:00:00Z"));
    assertThat(ingest.maxTokens()).isEqualTo(2_000_000L);
    assertThat(ingest.maxRequestDuration()).isEqualTo(Duration.ofHours(3));
    assertThat(ingest.maxPowerWatts()).isEqualTo(1_500.0);
    assertThat(ingest.dedupWindow()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void shouldNameTheKeyOfABadValue() {
    final Properties file = new Properties();
    file.setProperty("ingest.minEventTime", "yesterday");
    file.setProperty("ingest.dedupWindow", "0s");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("ingest.minEventTime: must be a date")
        .hasMessageContaining("ingest.dedupWindow: must be positive");
  }
}
