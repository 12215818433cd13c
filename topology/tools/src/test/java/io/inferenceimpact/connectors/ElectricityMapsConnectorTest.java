package io.inferenceimpact.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.connectors.LocalApi.Reply;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Electricity Maps v3 against a local server serving its documented format and a real recording.
 */
class ElectricityMapsConnectorTest {
  private static final String TOKEN = "em-token-value-123";
  private static final String HISTORY =
      LocalApi.resource("electricitymaps_v3_history_US-MIDW-MISO.json");

  private final LocalApi api = new LocalApi();
  private final ElectricityMapsConnector connector =
      new ElectricityMapsConnector(
          new GridHttp("electricitymaps", api.baseUrl(), GridHttpTest.FAST, new RecordingSleeper()),
          Secret.of(ElectricityMapsConnector.TOKEN_VARIABLE, TOKEN),
          true);

  @AfterEach
  void stop() {
    api.close();
  }

  /** The last point of the real history, as the latest endpoint answers it. */
  private static String latest() throws Exception {
    final var mapper = new ObjectMapper();
    final var points = mapper.readTree(HISTORY).get("history");
    return mapper.writeValueAsString(points.get(points.size() - 1));
  }

  @Test
  void shouldParseTheRealRecordedHistory() {
    api.on("/v3/carbon-intensity/history", Reply.ok(HISTORY));

    final List<GridIntensity> history = connector.history("US-MIDW-MISO");

    assertThat(history).hasSize(24);
    final GridIntensity first = history.get(0);
    assertThat(first.getZone()).isEqualTo("US-MIDW-MISO");
    assertThat(first.getValidFrom()).isEqualTo(Instant.parse("2024-11-30T06:00:00Z"));
    assertThat(first.getIntensityGPerKwh()).isEqualTo(501.0);
    assertThat(first.getEstimated()).isTrue();
    assertThat(first.getEstimationMethod()).isEqualTo("TIME_SLICER_AVERAGE");
    assertThat(first.getEmissionFactorType()).isEqualTo(EmissionFactorType.LIFECYCLE);
    assertThat(first.getUpdatedAt()).isEqualTo(Instant.parse("2024-12-01T05:44:10.595Z"));
    assertThat(history.get(1).getIntensityGPerKwh()).isEqualTo(419.0);
    assertThat(history.get(1).getEstimated()).isFalse();
    assertThat(history).isSortedAccordingTo((a, b) -> a.getValidFrom().compareTo(b.getValidFrom()));
    final LocalApi.Seen request = api.seen().get(0);
    assertThat(request.query()).isEqualTo("zone=US-MIDW-MISO");
    assertThat(request.header("auth-token")).isEqualTo(TOKEN);
  }

  @Test
  void shouldAttachTheForecastToTheLatestValue() throws Exception {
    api.on("/v3/carbon-intensity/latest", Reply.ok(latest()));
    api.on(
        "/v3/carbon-intensity/forecast",
        Reply.ok(
            "{\"zone\":\"US-MIDW-MISO\",\"forecast\":["
                + "{\"carbonIntensity\":402,\"datetime\":\"2024-12-01T07:00:00.000Z\"},"
                + "{\"carbonIntensity\":398.5,\"datetime\":\"2024-12-01T06:00:00.000Z\"}],"
                + "\"updatedAt\":\"2024-12-01T05:00:00.000Z\"}"));

    final GridIntensity value = connector.poll("US-MIDW-MISO").get(0);

    assertThat(value.getValidFrom()).isEqualTo(Instant.parse("2024-12-01T05:00:00Z"));
    assertThat(value.getForecast())
        .containsExactly(
            new ForecastPoint(Instant.parse("2024-12-01T06:00:00Z"), 398.5),
            new ForecastPoint(Instant.parse("2024-12-01T07:00:00Z"), 402.0));
  }

  @Test
  void shouldTurnForecastsOffForAZoneWhosePlanRefusesThem() throws Exception {
    api.on("/v3/carbon-intensity/latest", Reply.ok(latest()));
    api.on("/v3/carbon-intensity/forecast", Reply.status(403));

    final GridIntensity first = connector.poll("US-MIDW-MISO").get(0);
    final GridIntensity second = connector.poll("US-MIDW-MISO").get(0);

    assertThat(first.getForecast()).isEmpty();
    assertThat(second).isEqualTo(first);
    assertThat(connector.forecastsDisabled("US-MIDW-MISO")).isTrue();
    assertThat(api.count("/v3/carbon-intensity/forecast")).isEqualTo(1);
    assertThat(api.count("/v3/carbon-intensity/latest")).isEqualTo(2);
  }

  @Test
  void shouldNameTheTokenVariableButNeverItsValueOn401() {
    api.on("/v3/carbon-intensity/latest", Reply.status(401));

    assertThatThrownBy(() -> connector.poll("DE"))
        .isInstanceOf(GridAuthException.class)
        .hasMessageContaining("electricitymaps")
        .hasMessageContaining("ELECTRICITYMAPS_TOKEN")
        .hasMessageNotContaining(TOKEN);
    assertThat(api.count("/v3/carbon-intensity/latest")).isEqualTo(1);
    assertThat(Secret.of("ELECTRICITYMAPS_TOKEN", TOKEN).toString()).doesNotContain(TOKEN);
  }

  @Test
  void shouldRejectAMalformedBodyNamingTheField() {
    api.on(
        "/v3/carbon-intensity/latest",
        Reply.ok("{\"zone\":\"DE\",\"carbonIntensity\":null,\"datetime\":\"2024-12-01T05:00Z\"}"),
        Reply.ok("{\"zone\":\"DE\",\"carbonIn"));

    assertThatThrownBy(() -> connector.poll("DE"))
        .isInstanceOf(GridFormatException.class)
        .hasMessageStartingWith("electricitymaps: malformed response")
        .hasMessageContaining("latest.carbonIntensity is missing or not a number");
    assertThatThrownBy(() -> connector.poll("DE"))
        .isInstanceOf(GridFormatException.class)
        .hasMessageContaining("is not valid JSON");
  }
}
