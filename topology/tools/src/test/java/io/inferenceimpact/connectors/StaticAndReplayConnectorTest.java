package io.inferenceimpact.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.avro.GridIntensity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline sources: shipped annual factors and the replayed real 2023 series. */
class StaticAndReplayConnectorTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:20:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void shouldUseTheZonesOwnAnnualMeanThenItsCountryMix() {
    final StaticFactorConnector connector =
        new StaticFactorConnector(AnnualFactors.shipped(), CLOCK);

    final GridIntensity de = connector.poll("DE").get(0);
    assertThat(de.getIntensityGPerKwh()).isEqualTo(395.09);
    assertThat(de.getValidFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(de.getEstimated()).isTrue();
    assertThat(de.getSource()).isEqualTo("static");
    // EcoLogits mixes (REFERENCES.md): USA 383.55, GBR 210.89, world 473.01 gCO2e/kWh
    assertThat(connector.poll("US-TEX-ERCO").get(0).getIntensityGPerKwh()).isEqualTo(383.55);
    assertThat(connector.poll("GB").get(0).getIntensityGPerKwh()).isEqualTo(210.89);
    assertThat(connector.poll("WORLD").get(0).getIntensityGPerKwh()).isEqualTo(473.01);
    assertThatThrownBy(() -> connector.poll("XX"))
        .isInstanceOf(GridSourceException.class)
        .hasMessageContaining("no annual factor for zone 'XX'");
  }

  @Test
  void shouldShiftByWholeWeeksToTheSameTimeOfTheRecordedYear() {
    final Duration shift =
        SeriesTimeShift.shift(
            NOW, Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"));

    assertThat(shift.toDays() % 7).isZero();
    assertThat(shift.toSeconds() % 86_400).isZero();
    final Instant replayed = NOW.minus(shift);
    assertThat(replayed.atZone(ZoneOffset.UTC).getYear()).isEqualTo(2023);
    assertThat(Duration.between(replayed, Instant.parse("2023-03-10T12:20:00Z")).abs())
        .isLessThanOrEqualTo(Duration.ofDays(4));
  }

  @Test
  void shouldPublishTheRecordedHourOfNowWithTheFollowingDayAsForecast() throws IOException {
    final ReplaySeriesConnector connector = GridSources.replay(null, List.of("DE", "FR"), CLOCK);

    final GridIntensity de = connector.poll("DE").get(0);

    assertThat(de.getValidFrom()).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
    assertThat(de.getValidTo()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
    assertThat(de.getForecast()).hasSize(24);
    assertThat(de.getForecast().get(0).getValidFrom())
        .isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
    final Instant recorded =
        de.getValidFrom()
            .minus(
                SeriesTimeShift.shift(
                    NOW,
                    Instant.parse("2023-01-01T00:00:00Z"),
                    Instant.parse("2024-01-01T00:00:00Z")));
    assertThat(de.getIntensityGPerKwh()).isEqualTo(lcaAt("DE", recorded));
    assertThat(connector.poll("FR").get(0).getIntensityGPerKwh()).isEqualTo(lcaAt("FR", recorded));
    assertThatThrownBy(() -> connector.poll("PL"))
        .isInstanceOf(GridSourceException.class)
        .hasMessageContaining("no recorded series for zone 'PL'");
  }

  /** The LCA column of the bundled file at that hour, found by its text, not by the parser. */
  private static double lcaAt(final String zone, final Instant hour) throws IOException {
    final String stamp =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(hour);
    try (InputStream in =
        StaticAndReplayConnectorTest.class.getResourceAsStream(
            "/io/inferenceimpact/connectors/series/" + zone + "_2023_hourly.csv")) {
      final String line =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> l.startsWith(stamp + ","))
              .findFirst()
              .orElseThrow();
      return Double.parseDouble(line.split(",")[5]);
    }
  }
}
