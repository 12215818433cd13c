package io.inferenceimpact.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GridIntensity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The UK Carbon Intensity API (National Grid ESO; no auth; half-hourly, gCO2/kWh; DIRECT, since it
 * "includes CO2 emissions related to electricity generation only", carbonintensity.org.uk). Zone
 * {@code GB} reads {@code /intensity/{from}/fw24h} from a look-back before now: each half hour up
 * to now becomes one value (the actual, else the forecast with estimated=true), and later half
 * hours become the forecast of the current one. An actual published after its forecast therefore
 * comes back on a later poll with estimated=false and supersedes it. Zone {@code GB-<n>} reads
 * {@code /regional/regionid/<n>} (regions 1-17), which publishes forecasts only.
 */
public final class UkCarbonIntensityConnector implements GridConnector {
  public static final String NAME = "uk-carbon-intensity";
  public static final String DEFAULT_BASE_URL = "https://api.carbonintensity.org.uk";
  public static final String NATIONAL_ZONE = "GB";

  private static final DateTimeFormatter FROM =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
  private static final long HALF_HOUR_MILLIS = Duration.ofMinutes(30).toMillis();

  private final GridHttp http;
  private final Clock clock;
  private final Duration lookback;
  private final JsonReader json = new JsonReader(NAME);

  /**
   * @param lookback how far back each national poll reads, so that late actuals are seen
   */
  public UkCarbonIntensityConnector(
      final GridHttp http, final Clock clock, final Duration lookback) {
    this.http = http;
    this.clock = clock;
    this.lookback = lookback;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<GridIntensity> poll(final String zone) {
    final Instant now = clock.instant();
    if (NATIONAL_ZONE.equals(zone)) {
      final long halfHour = now.toEpochMilli() / HALF_HOUR_MILLIS * HALF_HOUR_MILLIS;
      final Instant from = Instant.ofEpochMilli(halfHour).minus(lookback);
      final String body = http.get("/intensity/" + FROM.format(from) + "/fw24h", Map.of(), null);
      final JsonNode root = json.parse(body, "national intensity response");
      return toValues(zone, json.array(root, "data", "$"), "data", now);
    }
    final int region = regionOf(zone);
    final JsonNode root =
        json.parse(http.get("/regional/regionid/" + region, Map.of(), null), "regional response");
    final JsonNode regions = json.array(root, "data", "$");
    if (regions.isEmpty()) {
      throw json.fail("data is empty for region " + region);
    }
    return toValues(zone, json.array(regions.get(0), "data", "data[0]"), "data[0].data", now);
  }

  private List<GridIntensity> toValues(
      final String zone, final JsonNode periods, final String path, final Instant now) {
    final List<GridIntensity> values = new ArrayList<>();
    final List<ForecastPoint> forecast = new ArrayList<>();
    for (int i = 0; i < periods.size(); i++) {
      final String at = path + "[" + i + "]";
      final JsonNode period = periods.get(i);
      final Instant from = json.time(period, "from", at);
      final JsonNode intensity = json.object(period, "intensity", at);
      final double predicted = json.number(intensity, "forecast", at + ".intensity");
      if (from.isAfter(now)) {
        forecast.add(new ForecastPoint(Times.millis(from), predicted));
        continue;
      }
      final Double actual = json.optionalNumber(intensity, "actual", at + ".intensity");
      values.add(
          GridIntensity.newBuilder()
              .setZone(zone)
              .setValidFrom(Times.millis(from))
              .setValidTo(Times.millis(json.time(period, "to", at)))
              .setIntensityGPerKwh(actual != null ? actual : predicted)
              .setEmissionFactorType(EmissionFactorType.DIRECT)
              .setEstimated(actual == null)
              .setEstimationMethod(actual == null ? "forecast" : null)
              .setSource(NAME)
              .setForecast(List.of())
              .build());
    }
    if (values.isEmpty()) {
      throw json.fail(path + " holds no half hour that has started by " + now);
    }
    values.sort((a, b) -> a.getValidFrom().compareTo(b.getValidFrom()));
    forecast.sort((a, b) -> a.getValidFrom().compareTo(b.getValidFrom()));
    values.get(values.size() - 1).setForecast(forecast);
    return values;
  }

  private static int regionOf(final String zone) {
    final String prefix = NATIONAL_ZONE + "-";
    if (zone.startsWith(prefix) && zone.substring(prefix.length()).matches("\\d{1,2}")) {
      final int region = Integer.parseInt(zone.substring(prefix.length()));
      if (region >= 1 && region <= 17) {
        return region;
      }
    }
    throw new GridSourceException(
        NAME, -1, "zone '" + zone + "' is not served: use GB (national) or GB-<regionid 1-17>");
  }
}
