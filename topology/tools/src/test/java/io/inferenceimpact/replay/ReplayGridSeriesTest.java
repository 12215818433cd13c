package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code impact replay --grid} over three real days (2023-03-13 to 2023-03-15 UTC) of the hourly
 * lifecycle intensity of DE and FR (Electricity Maps 2023 hourly exports, bundled with the grid
 * package), with one identical 5 s request per zone and hour on node-de / node-fr: every request's
 * emissions follow its zone's series hour by hour.
 */
class ReplayGridSeriesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant FROM = Instant.parse("2023-03-13T00:00:00Z");
  private static final int HOURS = 72;
  private static final String SOURCE = "electricitymaps";
  private static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @TempDir static Path tmp;
  private static Map<String, Map<Instant, Double>> series;
  private static Map<String, JsonNode> impacts;
  private static List<JsonNode> windows;
  private static String warnings;

  @BeforeAll
  static void replay() throws Exception {
    series = new HashMap<>();
    series.put("DE", lifecycleSeries("DE"));
    series.put("FR", lifecycleSeries("FR"));
    final StringBuilder grid = new StringBuilder();
    final StringBuilder requests = new StringBuilder();
    final StringBuilder samples = new StringBuilder();
    for (int h = 0; h < HOURS; h++) {
      final Instant hour = FROM.plus(Duration.ofHours(h));
      for (final String zone : series.keySet()) {
        grid.append(gridLine(zone, hour, series.get(zone).get(hour)));
        final String gpu = "GPU-" + zone;
        final long burst = hour.toEpochMilli() + 30 * 60_000;
        for (long t = burst; t <= burst + 20_000; t += 1_000) {
          samples.append(
              String.format(
                  "{\"node\": \"node-%s\", \"gpu_uuid\": \"%s\", \"time\": %d,"
                      + " \"power_watts\": 300.0}%n",
                  zone.toLowerCase(), gpu, t));
        }
        requests.append(
            String.format(
                "{\"request_id\": \"%s@%s\", \"model\": \"llama\", \"node\": \"node-%s\","
                    + " \"gpu_uuids\": [\"%s\"], \"start_time\": %d, \"end_time\": %d,"
                    + " \"input_tokens\": 100, \"output_tokens\": 200}%n",
                zone, hour, zone.toLowerCase(), gpu, burst + 5_000, burst + 10_000));
      }
    }
    final Map<InputKind, Path> inputs = new EnumMap<>(InputKind.class);
    inputs.put(InputKind.GRID, Files.writeString(tmp.resolve("grid.jsonl"), grid));
    inputs.put(InputKind.REQUESTS, Files.writeString(tmp.resolve("requests.jsonl"), requests));
    inputs.put(InputKind.GPU_SAMPLES, Files.writeString(tmp.resolve("samples.jsonl"), samples));
    final Path config =
        Files.writeString(
            tmp.resolve("impact.yaml"),
            // One-minute slots: replay moves the wall clock slot by slot; 5 s slots over three
            // days would take a minute of test time for the same result.
            "energy:\n  slotSize: 1m\n"
                + "fleet:\n  nodes:\n    node-de:\n      zone: DE\n    node-fr:\n      zone: FR\n");
    final StringWriter warned = new StringWriter();
    new Replay(ConfigLoader.load(config, Map.of()))
        .run(inputs, tmp.resolve("out"), new PrintWriter(warned, true));
    warnings = warned.toString();
    impacts = new TreeMap<>();
    for (final String line :
        Files.readAllLines(tmp.resolve("out").resolve("impact.requests.v1.jsonl"))) {
      final JsonNode node = JSON.readTree(line);
      impacts.put(node.get("key").asText(), node.get("value"));
    }
    windows = new ArrayList<>();
    for (final String line :
        Files.readAllLines(tmp.resolve("out").resolve("impact.model-rates.v1.jsonl"))) {
      final JsonNode value = JSON.readTree(line).get("value");
      if (value.get("tenant").isNull()) {
        windows.add(value);
      }
    }
  }

  @Test
  void shouldGiveIdleEnergyInTheWindowsItsHoursIntensity() {
    // Each burst has 20 s of samples around a 5 s request: the GPU's other 15 s at 300 W in the
    // slot are idle, in the window of the slot's start, at the zone's value of that hour (charged
    // to llama, except the first burst's 5 s before any request: the model "unknown").
    final java.util.Set<String> idleZoneHours = new java.util.HashSet<>();
    double idleJoules = 0;
    for (final JsonNode w : windows) {
      final Instant start = Instant.parse(w.get("window_start").asText());
      final Instant hour = start.truncatedTo(ChronoUnit.HOURS);
      final double gramsPerKwh = series.get(w.get("zone").asText()).get(hour);
      double requestFacility = 0;
      double requestGrams = 0;
      for (final JsonNode r : impacts.values()) {
        final Instant end = Instant.parse(r.get("end_time").asText());
        if (r.get("zone").asText().equals(w.get("zone").asText())
            && r.get("model").asText().equals(w.get("model").asText())
            && !end.isBefore(start)
            && end.isBefore(Instant.parse(w.get("window_end").asText()))) {
          requestFacility += r.get("facility_energy_joules").asDouble();
          requestGrams += r.get("operational_emissions_grams").asDouble();
        }
      }
      final double idleFacility = w.get("facility_energy_joules").asDouble() - requestFacility;
      if (w.get("idle_energy_joules").asDouble() > 0) {
        idleZoneHours.add(w.get("zone").asText() + " " + start.truncatedTo(ChronoUnit.HOURS));
        idleJoules += w.get("idle_energy_joules").asDouble();
        assertThat(idleFacility).isPositive();
      }
      assertThat(w.get("operational_emissions_grams").asDouble() - requestGrams)
          .as(w.get("zone").asText() + " " + start)
          .isCloseTo(idleFacility / 3.6e6 * gramsPerKwh, within(1e-9));
    }
    assertThat(idleZoneHours).as("idle energy in every zone and hour").hasSize(2 * HOURS);
    assertThat(idleJoules)
        .as("every idle joule in a window")
        .isCloseTo(2 * HOURS * 15 * 300.0, within(1e-6));
  }

  @Test
  void shouldReadTheGridInputAndGiveEveryRequestItsHoursIntensity() {
    assertThat(warnings).doesNotContain("grid");
    assertThat(impacts).hasSize(2 * HOURS);
    for (final String zone : series.keySet()) {
      for (int h = 0; h < HOURS; h++) {
        final Instant hour = FROM.plus(Duration.ofHours(h));
        final JsonNode impact = impacts.get(zone + "@" + hour);
        assertThat(impact.get("intensity_source").asText()).as(zone + " " + hour).isEqualTo(SOURCE);
        assertThat(impact.get("intensity_g_per_kwh").asDouble())
            .as(zone + " " + hour)
            .isEqualTo(series.get(zone).get(hour));
        assertThat(impact.get("operational_emissions_grams").asDouble())
            .isCloseTo(kwh(impact) * series.get(zone).get(hour), within(1e-12));
      }
    }
  }

  @Test
  void shouldFollowTheSeriesBetweenAKnownHighAndAKnownLowHour() {
    // DE_2023_hourly.csv line 1774: "2023-03-15 20:00:00,...,DE,497.49,574.74,..." (LCA 574.74,
    // the highest of the three days) and line 1718: "2023-03-13 12:00:00,...,DE,147.93,193.95,..."
    // (LCA 193.95, the lowest).
    assertEmissions("DE@2023-03-15T20:00:00Z", 574.74);
    assertEmissions("DE@2023-03-13T12:00:00Z", 193.95);
    // FR_2023_hourly.csv line 1761: "2023-03-15 07:00:00,...,FR,65.59,91.42,..." (the highest) and
    // line 1727: "2023-03-13 21:00:00,...,FR,23.84,41.24,..." (the lowest).
    assertEmissions("FR@2023-03-15T07:00:00Z", 91.42);
    assertEmissions("FR@2023-03-13T21:00:00Z", 41.24);
    final double deHigh = emissions("DE@2023-03-15T20:00:00Z");
    final double deLow = emissions("DE@2023-03-13T12:00:00Z");
    assertThat(deHigh / deLow).isCloseTo(574.74 / 193.95, within(1e-9));
    assertThat(emissions("FR@2023-03-15T07:00:00Z")).isLessThan(deLow);
  }

  private static void assertEmissions(final String id, final double gramsPerKwh) {
    final JsonNode impact = impacts.get(id);
    assertThat(impact.get("intensity_g_per_kwh").asDouble()).as(id).isEqualTo(gramsPerKwh);
    assertThat(emissions(id)).as(id).isCloseTo(kwh(impact) * gramsPerKwh, within(1e-12));
  }

  private static double emissions(final String id) {
    return impacts.get(id).get("operational_emissions_grams").asDouble();
  }

  private static double kwh(final JsonNode impact) {
    return impact.get("facility_energy_joules").asDouble() / 3.6e6;
  }

  private static String gridLine(final String zone, final Instant hour, final double gramsPerKwh) {
    return String.format(
        "{\"zone\": \"%s\", \"valid_from\": %d, \"intensity_g_per_kwh\": %s,"
            + " \"emission_factor_type\": \"LIFECYCLE\", \"estimated\": false,"
            + " \"source\": \"%s\"}%n",
        zone, hour.toEpochMilli(), gramsPerKwh, SOURCE);
  }

  /** Hour → LCA intensity of the bundled 2023 series, for the three days replayed. */
  private static Map<Instant, Double> lifecycleSeries(final String zone) throws IOException {
    final Map<Instant, Double> byHour = new HashMap<>();
    final String resource = "/io/inferenceimpact/connectors/series/" + zone + "_2023_hourly.csv";
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                ReplayGridSeriesTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        final String[] cells = line.split(",", -1);
        final Instant hour = LocalDateTime.parse(cells[0], CSV_TIME).toInstant(ZoneOffset.UTC);
        if (!hour.isBefore(FROM) && hour.isBefore(FROM.plus(Duration.ofHours(HOURS)))) {
          byHour.put(hour, Double.parseDouble(cells[5]));
        }
      }
    }
    assertThat(byHour).hasSize(HOURS);
    return byHour;
  }
}
