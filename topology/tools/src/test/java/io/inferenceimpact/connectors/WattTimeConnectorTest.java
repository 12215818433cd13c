package io.inferenceimpact.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.connectors.LocalApi.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WattTime v3 against a local server serving its documented format. */
class WattTimeConnectorTest {
  private static final String PASSWORD = "pw-never-printed";
  private static final String FORECAST =
      "{\"data\":[{\"point_time\":\"2024-05-01T12:05:00+00:00\",\"value\":900.0},"
          + "{\"point_time\":\"2024-05-01T12:00:00+00:00\",\"value\":1000.0}],"
          + "\"meta\":{\"data_point_period_seconds\":300,\"region\":\"CAISO_NORTH\","
          + "\"signal_type\":\"co2_moer\",\"units\":\"lbs_co2_per_mwh\","
          + "\"generated_at\":\"2024-05-01T11:55:00+00:00\"}}";
  private static final String INDEX =
      "{\"data\":[{\"point_time\":\"2024-05-01T12:00:00+00:00\",\"value\":87.0}],"
          + "\"meta\":{\"region\":\"CAISO_NORTH\",\"signal_type\":\"co2_moer\",\"units\":\"percentile\"}}";

  private final LocalApi api = new LocalApi();
  private final WattTimeConnector connector =
      new WattTimeConnector(
          new GridHttp("watttime", api.baseUrl(), GridHttpTest.FAST, new RecordingSleeper()),
          Secret.of(WattTimeConnector.USERNAME_VARIABLE, "alice"),
          Secret.of(WattTimeConnector.PASSWORD_VARIABLE, PASSWORD));

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void shouldConvertPoundsPerMegawattHourToGramsPerKilowattHour() {
    // 1 lb = 453.59237 g, 1 MWh = 1000 kWh: 1 lb/MWh = 0.45359237 g/kWh
    assertThat(WattTimeConnector.GRAMS_PER_KWH_PER_LB_PER_MWH).isEqualTo(453.59237 / 1000.0);
    api.on("/login", Reply.ok("{\"token\":\"tok-1\"}"));
    api.on("/v3/forecast", Reply.ok(FORECAST));
    api.on("/v3/signal-index", Reply.ok(INDEX));

    final GridIntensity value = connector.poll("CAISO_NORTH").get(0);

    assertThat(value.getValidFrom()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(value.getValidTo()).isEqualTo(Instant.parse("2024-05-01T12:05:00Z"));
    assertThat(value.getIntensityGPerKwh()).isCloseTo(453.59237, within(1e-9));
    assertThat(value.getForecast())
        .singleElement()
        .satisfies(p -> assertThat(p.getIntensityGPerKwh()).isCloseTo(408.233133, within(1e-9)));
    assertThat(value.getEstimated()).isTrue();
    assertThat(connector.percentile("CAISO_NORTH")).hasValue(87.0);
    assertThat(value.getSignalPercent()).isEqualTo(87.0);
  }

  @Test
  void shouldLogInWithBasicAuthOnceAndReuseTheToken() {
    api.on("/login", Reply.ok("{\"token\":\"tok-1\"}"));
    api.on("/v3/forecast", Reply.ok(FORECAST));
    api.on("/v3/signal-index", Reply.ok(INDEX));

    connector.poll("CAISO_NORTH");
    connector.poll("CAISO_NORTH");

    assertThat(api.count("/login")).isEqualTo(1);
    final String basic = api.seen().get(0).header("Authorization");
    assertThat(new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8))
        .isEqualTo("alice:" + PASSWORD);
    assertThat(api.seen())
        .filteredOn(s -> s.path().equals("/v3/forecast"))
        .allSatisfy(s -> assertThat(s.header("Authorization")).isEqualTo("Bearer tok-1"))
        .allSatisfy(
            s -> assertThat(s.query()).isEqualTo("region=CAISO_NORTH&signal_type=co2_moer"));
  }

  @Test
  void shouldLogInAgainOnceWhenTheTokenExpires() {
    api.on("/login", Reply.ok("{\"token\":\"tok-1\"}"), Reply.ok("{\"token\":\"tok-2\"}"));
    api.on("/v3/forecast", Reply.status(401), Reply.ok(FORECAST));
    api.on("/v3/signal-index", Reply.ok(INDEX));

    assertThat(connector.poll("CAISO_NORTH")).hasSize(1);
    assertThat(api.count("/login")).isEqualTo(2);
    assertThat(
            api.seen().stream()
                .filter(s -> s.path().equals("/v3/forecast"))
                .toList()
                .get(1)
                .header("Authorization"))
        .isEqualTo("Bearer tok-2");
  }

  @Test
  void shouldNameTheCredentialVariablesWhenLoginIsRefused() {
    api.on("/login", Reply.status(401));

    assertThatThrownBy(() -> connector.poll("CAISO_NORTH"))
        .isInstanceOf(GridAuthException.class)
        .hasMessageContaining("WATTTIME_USERNAME / WATTTIME_PASSWORD")
        .hasMessageNotContaining(PASSWORD);
    assertThat(api.count("/login")).isEqualTo(1);
  }

  @Test
  void shouldRejectUnexpectedUnits() {
    api.on("/login", Reply.ok("{\"token\":\"tok-1\"}"));
    api.on("/v3/forecast", Reply.ok(FORECAST.replace("lbs_co2_per_mwh", "kg_co2_per_mwh")));

    assertThatThrownBy(() -> connector.poll("CAISO_NORTH"))
        .isInstanceOf(GridFormatException.class)
        .hasMessageContaining("watttime: malformed response: meta.units is 'kg_co2_per_mwh'");
  }
}
