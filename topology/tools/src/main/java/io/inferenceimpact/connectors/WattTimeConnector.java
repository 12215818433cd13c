package io.inferenceimpact.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WattTime v3: {@code /login} with HTTP Basic gives a bearer token (cached; one fresh login when
 * the API answers 401), {@code /v3/forecast?signal_type=co2_moer} gives the marginal operating
 * emissions rate in lbs CO2/MWh, 5-minute points. The first point is published as the current value
 * (estimated, it is a forecast), the rest as its forecast. {@code /v3/signal-index} gives the
 * current percentile (0-100) of the region's MOER, kept per zone in {@link #percentile(String)}
 * until the contract has a field for it.
 */
public final class WattTimeConnector implements GridConnector {
  public static final String NAME = "watttime";
  public static final String DEFAULT_BASE_URL = "https://api.watttime.org";
  public static final String USERNAME_VARIABLE = "WATTTIME_USERNAME";
  public static final String PASSWORD_VARIABLE = "WATTTIME_PASSWORD";

  /** 1 lb = 453.59237 g (exact, international avoirdupois pound); 1 MWh = 1000 kWh. */
  public static final double GRAMS_PER_KWH_PER_LB_PER_MWH = 0.45359237;

  private static final Logger LOG = LoggerFactory.getLogger(WattTimeConnector.class);
  private static final String UNITS = "lbs_co2_per_mwh";

  private final GridHttp http;
  private final Secret username;
  private final Secret password;
  private final JsonReader json = new JsonReader(NAME);
  private final Map<String, Double> percentiles = new ConcurrentHashMap<>();
  private volatile String token;

  public WattTimeConnector(final GridHttp http, final Secret username, final Secret password) {
    this.http = http;
    this.username = username;
    this.password = password;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<GridIntensity> poll(final String region) {
    final JsonNode root =
        json.parse(
            authorized("/v3/forecast?region=" + encode(region) + "&signal_type=co2_moer"),
            "forecast response for " + region);
    final JsonNode meta = json.object(root, "meta", "$");
    final String units = json.text(meta, "units", "meta");
    if (!UNITS.equals(units)) {
      throw json.fail("meta.units is '" + units + "', expected " + UNITS);
    }
    final JsonNode points = json.array(root, "data", "$");
    if (points.isEmpty()) {
      throw json.fail("data is empty for region " + region);
    }
    final List<ForecastPoint> forecast = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      final String path = "data[" + i + "]";
      forecast.add(
          new ForecastPoint(
              Times.millis(json.time(points.get(i), "point_time", path)),
              json.number(points.get(i), "value", path) * GRAMS_PER_KWH_PER_LB_PER_MWH));
    }
    forecast.sort((a, b) -> a.getValidFrom().compareTo(b.getValidFrom()));
    final ForecastPoint current = forecast.remove(0);
    final Double periodSeconds = json.optionalNumber(meta, "data_point_period_seconds", "meta");
    refreshPercentile(region);
    return List.of(
        GridIntensity.newBuilder()
            .setZone(region)
            .setValidFrom(current.getValidFrom())
            .setValidTo(
                periodSeconds == null
                    ? null
                    : current.getValidFrom().plusSeconds(periodSeconds.longValue()))
            .setIntensityGPerKwh(current.getIntensityGPerKwh())
            // MOER is marginal and counts combustion only; the contract knows no MARGINAL type.
            .setEmissionFactorType(EmissionFactorType.DIRECT)
            .setEstimated(true)
            .setEstimationMethod("marginal (co2_moer forecast)")
            .setSource(NAME)
            .setUpdatedAt(Times.millisOrNull(json.optionalTime(meta, "generated_at", "meta")))
            .setForecast(forecast)
            .setSignalPercent(percentiles.get(region))
            .build());
  }

  /** The last signal-index percentile (0-100) read for the region, if any. */
  public OptionalDouble percentile(final String region) {
    final Double value = percentiles.get(region);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  private void refreshPercentile(final String region) {
    try {
      final JsonNode root =
          json.parse(
              authorized("/v3/signal-index?region=" + encode(region) + "&signal_type=co2_moer"),
              "signal-index response for " + region);
      final JsonNode points = json.array(root, "data", "$");
      if (points.isEmpty()) {
        throw json.fail("signal-index data is empty for region " + region);
      }
      percentiles.put(region, json.number(points.get(0), "value", "data[0]"));
    } catch (final GridSourceException e) {
      percentiles.remove(region);
      LOG.warn("{}: no signal-index for {}: {}", NAME, region, e.getMessage());
    }
  }

  /** GET with the bearer token; on 401 logs in again once. */
  private String authorized(final String pathAndQuery) {
    if (token == null) {
      token = login();
    }
    try {
      return http.get(pathAndQuery, Map.of("Authorization", "Bearer " + token), "the token");
    } catch (final GridAuthException e) {
      if (e.status() != 401) {
        throw new GridAuthException(NAME, e.status(), "that the account may use this region");
      }
      token = login();
      try {
        return http.get(pathAndQuery, Map.of("Authorization", "Bearer " + token), "the token");
      } catch (final GridAuthException again) {
        throw new GridAuthException(NAME, again.status(), "a freshly issued token was refused");
      }
    }
  }

  private String login() {
    final String basic =
        Base64.getEncoder()
            .encodeToString(
                (username.value() + ":" + password.value()).getBytes(StandardCharsets.UTF_8));
    final String body =
        http.get(
            "/login",
            Map.of("Authorization", "Basic " + basic),
            username.name() + " / " + password.name());
    return json.text(json.parse(body, "login response"), "token", "$");
  }

  private static String encode(final String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
