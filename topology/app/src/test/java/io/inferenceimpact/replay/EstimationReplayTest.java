package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.app.ImpactCli;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code impact replay --calibration} over a mixed scenario: two measured requests on GPU-A (300 W
 * throughout), one MIXED request on GPU-B (a 40 s sampling gap covers its second half) and two
 * requests naming no GPU. Defaults: node-a unknown to fleet config → 150 W server share per GPU,
 * PUE 1.2; zone WORLD. Llama-3.1-8B-Instruct (8.03 B, 1 GPU) with the method's constants, as in the
 * estimation tests: GPU energy per token f_E and seconds per token f_L written out below.
 */
class EstimationReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
  private static final long T0 = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** GPU joules of 200 output tokens: 200 × (α·e^(64β)·P + γ) Wh × 3600. */
  private static final double EST_GPU =
      200
          * (1.1665273170451914e-06 * Math.exp(-0.011205921025579175 * 64) * 8.03
              + 4.052928146734005e-05)
          * 3600;

  /** Modelled generation time of 200 tokens: 200 × (α'·P + 64β' + γ') ≈ 8.977 s. */
  private static final double EST_SECONDS =
      200 * (0.0006785088094353663 * 8.03 + 0.0003119310311688259 * 64 + 0.019473717579473387);

  /** Facility joules of the estimate for 200 tokens and the given measured latency. */
  private static double estimatedFacility(final double latencySeconds) {
    return 1.2 * (EST_GPU + Math.min(EST_SECONDS, latencySeconds) * 1200.0 / 8 / 64);
  }

  @BeforeEach
  void writeScenario() throws IOException {
    final List<String> samples = new ArrayList<>();
    for (int s = 0; s <= 20; s++) {
      samples.add(sample("GPU-A", s));
    }
    for (int s = 0; s <= 50; s++) {
      if (s <= 5 || s >= 45) {
        samples.add(sample("GPU-B", s));
      }
    }
    samples.sort(null);
    Files.write(tmp.resolve("gpu.jsonl"), samples, StandardCharsets.UTF_8);
    Files.write(
        tmp.resolve("requests.jsonl"),
        List.of(
            request("e1", 0, 10, ""),
            request("m1", 5, 10, "GPU-A"),
            request("x1", 0, 10, "GPU-B"),
            request("e2", 2, 12, ""),
            request("m2", 12, 14, "GPU-A")),
        StandardCharsets.UTF_8);
  }

  @Test
  void shouldKeepMeasuredEnergyEstimateTheRestAndAddUpPerMethod() throws Exception {
    assertThat(replay(tmp.resolve("out"))).as(err.toString()).isZero();

    final Map<String, JsonNode> byId = impacts(tmp.resolve("out"));
    assertThat(byId).containsOnlyKeys("e1", "e2", "m1", "m2", "x1");
    // Measured requests keep their measured energy: 300 W × 5 s and × 2 s, server 150 W.
    assertThat(facility(byId, "m1")).isCloseTo(1.2 * (1_500 + 750), within(1e-6));
    assertThat(facility(byId, "m2")).isCloseTo(1.2 * (600 + 300), within(1e-6));
    assertThat(facility(byId, "e1")).isCloseTo(estimatedFacility(10), within(1e-9));
    assertThat(facility(byId, "x1"))
        .isCloseTo(1.2 * (1_500 + 750) + 0.5 * estimatedFacility(10), within(1e-6));
    final Map<String, Double> perMethod = new TreeMap<>();
    byId.values()
        .forEach(
            v ->
                perMethod.merge(
                    v.path("method").asText(),
                    v.path("facility_energy_joules").asDouble(),
                    Double::sum));
    assertThat(perMethod).containsOnlyKeys("MEASURED", "ESTIMATED", "MIXED");
    assertThat(perMethod.get("MEASURED")).isCloseTo(2_700 + 1_080, within(1e-6));
    assertThat(perMethod.get("ESTIMATED")).isCloseTo(2 * estimatedFacility(10), within(1e-9));
    assertThat(perMethod.get("MIXED")).isCloseTo(facility(byId, "x1"), within(0.0));
    assertThat(perMethod.values().stream().mapToDouble(d -> d).sum())
        .isCloseTo(
            byId.values().stream()
                .mapToDouble(v -> v.path("facility_energy_joules").asDouble())
                .sum(),
            within(1e-9));
  }

  @Test
  void shouldWriteADeterministicCalibrationLinePerModel() throws Exception {
    assertThat(replay(tmp.resolve("first"))).as(err.toString()).isZero();
    assertThat(replay(tmp.resolve("second"))).as(err.toString()).isZero();

    assertThat(out.toString()).contains("calibration.jsonl: 1 record");
    final byte[] first = Files.readAllBytes(tmp.resolve("first").resolve("calibration.jsonl"));
    assertThat(Files.readAllBytes(tmp.resolve("second").resolve("calibration.jsonl")))
        .isEqualTo(first);
    final List<String> lines = new String(first, StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    final JsonNode line = JSON.readTree(lines.get(0));
    // Only MEASURED requests (m1, m2): their measured facility energy against their estimate
    // (latency 5 s and 2 s bound the modelled 8.977 s).
    final double measured = 2_700 + 1_080;
    final double estimated = estimatedFacility(5) + estimatedFacility(2);
    assertThat(line.path("model").asText()).isEqualTo(LLAMA);
    assertThat(line.path("catalog_entry").asText()).isEqualTo(LLAMA);
    assertThat(line.path("measured_requests").asLong()).isEqualTo(2);
    assertThat(line.path("compared_requests").asLong()).isEqualTo(2);
    assertThat(line.path("measured_facility_energy_joules").asDouble())
        .isCloseTo(measured, within(1e-6));
    assertThat(line.path("estimated_facility_energy_joules").asDouble())
        .isCloseTo(estimated, within(1e-9));
    assertThat(line.path("ratio_measured_to_estimated").asDouble())
        .isCloseTo(measured / estimated, within(1e-6));
  }

  private int replay(final Path outDir) {
    final CommandLine cli = ImpactCli.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(
        "replay",
        "--requests",
        tmp.resolve("requests.jsonl").toString(),
        "--gpu-samples",
        tmp.resolve("gpu.jsonl").toString(),
        "--out",
        outDir.toString(),
        "--calibration");
  }

  private static Map<String, JsonNode> impacts(final Path outDir) throws IOException {
    final Map<String, JsonNode> byId = new TreeMap<>();
    for (final String text : Files.readAllLines(outDir.resolve("impact.requests.v1.jsonl"))) {
      final JsonNode value = JSON.readTree(text).path("value");
      byId.put(value.path("request_id").asText(), value);
    }
    return byId;
  }

  private static double facility(final Map<String, JsonNode> byId, final String id) {
    return byId.get(id).path("facility_energy_joules").asDouble();
  }

  private static String sample(final String gpu, final int second) {
    // Time first and of fixed width (13 digits), so that sorting the lines sorts them by time.
    return String.format(
        "{\"time\": %d, \"node\": \"node-a\", \"gpu_uuid\": \"%s\", \"power_watts\": 300.0}",
        T0 + second * 1000L, gpu);
  }

  private static String request(
      final String id, final int startSecond, final int endSecond, final String gpu) {
    return String.format(
        "{\"request_id\": \"%s\", \"model\": \"%s\", \"node\": %s, \"gpu_uuids\": [%s],"
            + " \"start_time\": %d, \"end_time\": %d, \"input_tokens\": 100,"
            + " \"output_tokens\": 200}",
        id,
        LLAMA,
        gpu.isEmpty() ? "null" : "\"node-a\"",
        gpu.isEmpty() ? "" : "\"" + gpu + "\"",
        T0 + startSecond * 1000L,
        T0 + endSecond * 1000L);
  }
}
