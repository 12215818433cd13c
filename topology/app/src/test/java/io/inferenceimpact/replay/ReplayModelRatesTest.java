package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.accounting.ImpactAccounting;
import io.inferenceimpact.app.ImpactCli;
import io.inferenceimpact.config.ZoneSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code impact replay} of the checked-in example writes {@code impact.model-rates.v1.jsonl}: one
 * final row per (model, zone, window), holding exactly the requests of {@code impact.requests.v1}
 * that ended in it, plus idle energy at the zone's fallback intensity (no grid input) and its
 * on-site and off-site water; tenant rows hold the requests that name one.
 */
class ReplayModelRatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void shouldWriteEachWindowOnceWithTheRequestsThatEndedInIt() throws Exception {
    final StringWriter err = new StringWriter();
    final CommandLine cli = ImpactCli.commandLine(Map.of());
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    final int code =
        cli.execute(
            "replay",
            "--requests",
            example("requests.jsonl"),
            "--gpu-samples",
            example("gpu-samples.jsonl"),
            "--out",
            tmp.toString());
    assertThat(code).as(err.toString()).isZero();

    final List<JsonNode> requests = values(tmp.resolve("impact.requests.v1.jsonl"));
    final List<JsonNode> rows = values(tmp.resolve("impact.model-rates.v1.jsonl"));
    // Tenant rows are a second view of the same requests: sum the zone rows only.
    final List<JsonNode> windows = rows.stream().filter(w -> w.get("tenant").isNull()).toList();
    final List<JsonNode> tenantRows = rows.stream().filter(w -> !w.get("tenant").isNull()).toList();
    assertThat(requests).isNotEmpty();
    assertThat(windows)
        .extracting(w -> w.get("model").asText() + "@" + w.get("window_start").asText())
        .doesNotHaveDuplicates();
    assertThat(sum(tenantRows, w -> w.get("requests").asDouble()))
        .isEqualTo((double) requests.stream().filter(r -> !r.get("tenant").isNull()).count())
        .isPositive();

    final Map<String, Long> expectedCounts = new TreeMap<>();
    for (final JsonNode r : requests) {
      final long end = Instant.parse(r.get("end_time").asText()).toEpochMilli();
      final String start = Instant.ofEpochMilli(end / 60_000 * 60_000).toString();
      expectedCounts.merge(r.get("model").asText() + "@" + start, 1L, Long::sum);
    }
    final Map<String, Long> actualCounts = new TreeMap<>();
    for (final JsonNode w : windows) {
      final String start = Instant.parse(w.get("window_start").asText()).toString();
      if (w.get("requests").asLong() > 0) {
        actualCounts.put(w.get("model").asText() + "@" + start, w.get("requests").asLong());
      }
    }
    assertThat(actualCounts).isEqualTo(expectedCounts);
    for (final String field : List.of("gpu_energy_joules", "input_tokens", "output_tokens")) {
      assertThat(sum(windows, w -> w.get(field).asDouble()))
          .as(field)
          .isCloseTo(sum(requests, r -> r.get(field).asDouble()), within(1e-6));
    }
    assertThat(sum(windows, w -> w.get("idle_energy_joules").asDouble())).isPositive();
    // Embodied: the requests' own plus the idle GPU time's share (ModelWindowsConservationTest and
    // IdleWindowsTest check its amount).
    assertThat(
            sum(windows, w -> w.get("embodied_emissions_grams").asDouble())
                - sum(requests, r -> r.get("embodied_emissions_grams").asDouble()))
        .as("embodied emissions of the idle time")
        .isPositive();
    // No grid input: requests and idle energy alike are at the WORLD fallback factor.
    assertThat(sum(windows, w -> w.get("operational_emissions_grams").asDouble()))
        .isCloseTo(
            ImpactAccounting.operationalGrams(
                sum(windows, w -> w.get("facility_energy_joules").asDouble()),
                ZoneSettings.WORLD_GRAMS_PER_KWH),
            within(1e-9));
    assertThat(
            sum(windows, w -> w.get("facility_energy_joules").asDouble())
                - sum(requests, r -> r.get("facility_energy_joules").asDouble()))
        .as("facility energy of the idle time")
        .isGreaterThan(sum(windows, w -> w.get("idle_energy_joules").asDouble()));
    // Water: the windows hold the requests' water plus the idle time's, on-site idle IT kWh × the
    // fleet default WUE 0.569 and off-site idle facility kWh × 3.908 L/kWh (world electricity).
    final double idleFacilityJoules =
        sum(windows, w -> w.get("facility_energy_joules").asDouble())
            - sum(requests, r -> r.get("facility_energy_joules").asDouble());
    final double idleItJoules =
        sum(windows, w -> w.get("idle_energy_joules").asDouble())
            + sum(windows, w -> w.get("server_energy_joules").asDouble())
            - sum(requests, r -> r.get("server_energy_joules").asDouble());
    assertThat(sum(windows, w -> w.get("water_onsite_litres").asDouble()))
        .isCloseTo(
            sum(requests, r -> r.get("water_onsite_litres").asDouble())
                + idleItJoules / 3.6e6 * 0.569,
            within(1e-9));
    assertThat(sum(windows, w -> w.get("water_offsite_litres").asDouble()))
        .isCloseTo(
            sum(requests, r -> r.get("water_offsite_litres").asDouble())
                + idleFacilityJoules / 3.6e6 * 3.908,
            within(1e-9));
    assertThat(sum(windows, w -> w.get("water_litres").asDouble()))
        .isCloseTo(
            sum(windows, w -> w.get("water_onsite_litres").asDouble())
                + sum(windows, w -> w.get("water_offsite_litres").asDouble()),
            within(1e-12));
  }

  private static String example(final String name) throws Exception {
    return Path.of(ReplayModelRatesTest.class.getResource("/replay/example/" + name).toURI())
        .toString();
  }

  private static List<JsonNode> values(final Path file) throws IOException {
    final List<JsonNode> values = new ArrayList<>();
    for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      values.add(JSON.readTree(line).get("value"));
    }
    return values;
  }

  private static double sum(final List<JsonNode> nodes, final ToDoubleFunction<JsonNode> field) {
    return nodes.stream().mapToDouble(field).sum();
  }
}
