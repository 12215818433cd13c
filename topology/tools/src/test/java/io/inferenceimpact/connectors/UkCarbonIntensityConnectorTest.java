package io.inferenceimpact.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.connectors.LocalApi.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The UK Carbon Intensity API against a local server, with a real recorded day. */
class UkCarbonIntensityConnectorTest {
  private static final String RECORDED = LocalApi.resource("national_pt24h_2023-03-15T0331Z.json");
  private static final Clock AT_RECORDING =
      Clock.fixed(Instant.parse("2023-03-15T03:31:00Z"), ZoneOffset.UTC);
  private static final String NATIONAL_PATH = "/intensity/2023-03-14T03:30Z/fw24h";

  private final LocalApi api = new LocalApi();
  private final UkCarbonIntensityConnector connector =
      new UkCarbonIntensityConnector(
          new GridHttp(
              "uk-carbon-intensity", api.baseUrl(), GridHttpTest.FAST, new RecordingSleeper()),
          AT_RECORDING,
          Duration.ofHours(24));

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void shouldReadTheRecordedDayAsActualsAndForecasts() {
    api.on(NATIONAL_PATH, Reply.ok(RECORDED));

    final List<GridIntensity> values = connector.poll("GB");

    assertThat(values).hasSize(48);
    final GridIntensity first = values.get(0);
    assertThat(first.getValidFrom()).isEqualTo(Instant.parse("2023-03-14T03:30:00Z"));
    assertThat(first.getValidTo()).isEqualTo(Instant.parse("2023-03-14T04:00:00Z"));
    assertThat(first.getIntensityGPerKwh()).isEqualTo(78.0);
    assertThat(first.getEstimated()).isFalse();
    assertThat(first.getEmissionFactorType()).isEqualTo(EmissionFactorType.DIRECT);
    assertThat(first.getSource()).isEqualTo("uk-carbon-intensity");
    final GridIntensity last = values.get(47);
    assertThat(last.getValidFrom()).isEqualTo(Instant.parse("2023-03-15T03:00:00Z"));
    assertThat(last.getIntensityGPerKwh()).isEqualTo(191.0);
    assertThat(last.getEstimated()).isTrue();
    assertThat(values.stream().filter(GridIntensity::getEstimated)).hasSize(3);
  }

  @Test
  void shouldLetALaterActualSupersedeItsForecast() throws Exception {
    api.on(NATIONAL_PATH, Reply.ok(RECORDED), Reply.ok(withActualsAndForecast()));
    final ListPublisher publisher = new ListPublisher();
    final GridMetrics metrics = new GridMetrics();
    final GridPoller poller =
        new GridPoller(connector, List.of("GB"), publisher, metrics, AT_RECORDING);

    poller.pollOnce();
    final GridPoller.Round second = poller.pollOnce();

    assertThat(second.published()).isEqualTo(3);
    assertThat(second.unchanged()).isEqualTo(45);
    final List<GridIntensity> later = publisher.published().subList(48, 51);
    assertThat(later).allSatisfy(v -> assertThat(v.getEstimated()).isFalse());
    assertThat(later)
        .extracting(GridIntensity::getValidFrom)
        .containsExactly(
            Instant.parse("2023-03-15T02:00:00Z"),
            Instant.parse("2023-03-15T02:30:00Z"),
            Instant.parse("2023-03-15T03:00:00Z"));
    assertThat(later.get(2).getIntensityGPerKwh()).isEqualTo(185.0);
    assertThat(later.get(2).getForecast())
        .containsExactly(new ForecastPoint(Instant.parse("2023-03-15T04:00:00Z"), 188.0));
    assertThat(metrics.published("uk-carbon-intensity", "GB")).isEqualTo(51);
  }

  @Test
  void shouldReadARegionsForecastOnly() {
    api.on(
        "/regional/regionid/13",
        Reply.ok(
            "{\"data\":[{\"regionid\":13,\"dnoregion\":\"UKPN London\",\"shortname\":\"London\","
                + "\"data\":["
                + period("2023-03-15T04:00Z", "2023-03-15T04:30Z", 161)
                + ","
                + period("2023-03-15T03:30Z", "2023-03-15T04:00Z", 170)
                + "]}]}"));

    final List<GridIntensity> values = connector.poll("GB-13");

    assertThat(values)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getZone()).isEqualTo("GB-13");
              assertThat(v.getIntensityGPerKwh()).isEqualTo(170.0);
              assertThat(v.getEstimated()).isTrue();
              assertThat(v.getForecast())
                  .containsExactly(new ForecastPoint(Instant.parse("2023-03-15T04:00:00Z"), 161.0));
            });
  }

  @Test
  void shouldRefuseZonesItDoesNotServe() {
    assertThatThrownBy(() -> connector.poll("DE"))
        .isInstanceOf(GridSourceException.class)
        .hasMessageContaining("use GB (national) or GB-<regionid 1-17>");
    assertThat(api.seen()).isEmpty();
  }

  private static String period(final String from, final String to, final int forecast) {
    return "{\"from\":\""
        + from
        + "\",\"to\":\""
        + to
        + "\",\"intensity\":{\"forecast\":"
        + forecast
        + ",\"index\":\"moderate\"},\"generationmix\":[{\"fuel\":\"gas\",\"perc\":40.1}]}";
  }

  /**
   * The recorded day as a later answer shows it: actuals for the last three, and a half hour ahead.
   */
  private static String withActualsAndForecast() throws Exception {
    final ObjectMapper mapper = new ObjectMapper();
    final ObjectNode root = (ObjectNode) mapper.readTree(RECORDED);
    final ArrayNode data = (ArrayNode) root.get("data");
    final int[] actuals = {180, 183, 185};
    for (int i = 0; i < 3; i++) {
      ((ObjectNode) data.get(45 + i).get("intensity")).put("actual", actuals[i]);
    }
    data.add(
        mapper.readTree(
            "{\"from\":\"2023-03-15T04:00Z\",\"to\":\"2023-03-15T04:30Z\","
                + "\"intensity\":{\"forecast\":188,\"actual\":null,\"index\":\"moderate\"}}"));
    return mapper.writeValueAsString(root);
  }
}
