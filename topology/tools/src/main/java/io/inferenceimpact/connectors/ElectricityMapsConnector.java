package io.inferenceimpact.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Electricity Maps API v3: {@code /v3/carbon-intensity/latest} per poll, {@code /history} for
 * backfill, {@code /forecast} attached to the latest value while the plan allows it (a 401, 403 or
 * 404 on forecast turns forecasts off for that zone, with one warning). Token in the {@code
 * auth-token} header. Units gCO2eq/kWh, lifecycle unless the response says direct.
 */
public final class ElectricityMapsConnector implements GridConnector {
  public static final String NAME = "electricitymaps";
  public static final String DEFAULT_BASE_URL = "https://api.electricitymap.org";
  public static final String TOKEN_VARIABLE = "ELECTRICITYMAPS_TOKEN";

  private static final Logger LOG = LoggerFactory.getLogger(ElectricityMapsConnector.class);

  private final GridHttp http;
  private final Secret token;
  private final boolean forecasts;
  private final JsonReader json = new JsonReader(NAME);
  private final Set<String> forecastDisabled = ConcurrentHashMap.newKeySet();

  /**
   * @param forecasts whether to ask for forecasts at all
   */
  public ElectricityMapsConnector(
      final GridHttp http, final Secret token, final boolean forecasts) {
    this.http = http;
    this.token = token;
    this.forecasts = forecasts;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<GridIntensity> poll(final String zone) {
    final JsonNode latest = json.parse(get("latest", zone), "latest response for " + zone);
    final GridIntensity value = toIntensity(zone, latest, "latest");
    if (forecasts && !forecastDisabled.contains(zone)) {
      value.setForecast(forecast(zone));
    }
    return List.of(value);
  }

  /** The past values of the zone (the last 24 hours), oldest first. */
  public List<GridIntensity> history(final String zone) {
    final JsonNode root = json.parse(get("history", zone), "history response for " + zone);
    final JsonNode points = json.array(root, "history", "history");
    final List<GridIntensity> values = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      values.add(toIntensity(zone, points.get(i), "history[" + i + "]"));
    }
    values.sort((a, b) -> a.getValidFrom().compareTo(b.getValidFrom()));
    return values;
  }

  /** Whether forecasts were turned off for the zone after the API refused them. */
  public boolean forecastsDisabled(final String zone) {
    return forecastDisabled.contains(zone);
  }

  private List<ForecastPoint> forecast(final String zone) {
    final String body;
    try {
      body = get("forecast", zone);
    } catch (final GridSourceException e) {
      if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
        if (forecastDisabled.add(zone)) {
          LOG.warn(
              "{}: forecast refused for zone {} (HTTP {}): the plan may not include forecasts;"
                  + " forecasts for this zone are off until restart",
              NAME,
              zone,
              e.status());
        }
        return List.of();
      }
      throw e;
    }
    final JsonNode points =
        json.array(json.parse(body, "forecast response"), "forecast", "forecast");
    final List<ForecastPoint> forecast = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      final String path = "forecast[" + i + "]";
      forecast.add(
          new ForecastPoint(
              Times.millis(json.time(points.get(i), "datetime", path)),
              json.number(points.get(i), "carbonIntensity", path)));
    }
    forecast.sort((a, b) -> a.getValidFrom().compareTo(b.getValidFrom()));
    return forecast;
  }

  private String get(final String endpoint, final String zone) {
    return http.get(
        "/v3/carbon-intensity/"
            + endpoint
            + "?zone="
            + URLEncoder.encode(zone, StandardCharsets.UTF_8),
        Map.of("auth-token", token.value()),
        token.name());
  }

  /** The value of one point, keyed by the zone that was asked for (the key of the topic). */
  private GridIntensity toIntensity(final String zone, final JsonNode point, final String path) {
    final String type = json.optionalText(point, "emissionFactorType");
    final JsonNode estimated = point.get("isEstimated");
    return GridIntensity.newBuilder()
        .setZone(zone)
        .setValidFrom(Times.millis(json.time(point, "datetime", path)))
        .setIntensityGPerKwh(json.number(point, "carbonIntensity", path))
        .setEmissionFactorType(
            "direct".equalsIgnoreCase(type)
                ? EmissionFactorType.DIRECT
                : EmissionFactorType.LIFECYCLE)
        .setEstimated(estimated != null && estimated.asBoolean(false))
        .setEstimationMethod(json.optionalText(point, "estimationMethod"))
        .setSource(NAME)
        .setUpdatedAt(Times.millisOrNull(json.optionalTime(point, "updatedAt", path)))
        .setForecast(List.of())
        .build();
  }
}
