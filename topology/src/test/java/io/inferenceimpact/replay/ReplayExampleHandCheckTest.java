package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.app.ImpactCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented output of the checked-in example (docs/REPLAY.md), every request recomputed here
 * from the input files and the published factors alone, within a relative 1e-9. GPU …a0 serves r-1
 * (12:00:10.000–12:00:25.500) and r-2 (12:00:20.000–12:00:48.250), GPU …a1 serves r-3
 * (12:00:30–12:01:05) and r-5 (12:01:45–12:01:52), and r-4 uses both (12:01:10–12:01:40). With 5 s
 * slots, a slot's GPU energy (from the cumulative counter in gpu-samples.jsonl) is shared among the
 * requests active in it by their overlap time: each gets its overlap divided by the slot's length,
 * or by the sum of all overlaps where they add up to more (the rest of a slot is idle energy):
 *
 * <ul>
 *   <li>…a0 [10, 20): r-1 alone; [20, 25): both for the whole slot, half each; [25, 30): r-1
 *       overlaps 0.5 s, r-2 5 s, so r-1 gets 0.5 / 5.5 and r-2 5 / 5.5; [30, 45): r-2 alone; [45,
 *       50): r-2 alone for 3.25 s, so 3.25 / 5;
 *   <li>…a1 [30, 65): r-3 alone; [105, 110): r-5 alone; [110, 115): r-5 alone for 2 s, so 2 / 5;
 *   <li>…a0 and …a1 [70, 100): r-4 alone on both.
 * </ul>
 *
 * The invalid sample lines (a power given as text at 12:00:50.500, a negative power at
 * 12:01:30.500) carry no counter and sit between whole seconds, so the counters used are all valid.
 * Server power is the default 1.2 kW per 8-GPU server (150 W per GPU), split like the GPU energy,
 * over the slot time the request is charged; PUE 1.2. The rest follows docs/METHODS.md.
 */
class ReplayExampleHandCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_795_780_800_000L; // 2026-11-27T12:00:00Z
  private static final String GPU_0 = "GPU-8f3c2a10-0000-4000-8000-0000000000a0";
  private static final String GPU_1 = "GPU-8f3c2a10-0000-4000-8000-0000000000a1";
  private static final double SERVER_WATTS_PER_GPU = 1_200.0 / 8;
  private static final double PUE = 1.2;
  // World fallback intensity (no grid input), docs/REPLAY.md: 473.01 gCO2e/kWh.
  private static final double WORLD_G_PER_KWH = 473.01;
  // Fleet default WUE (docs/METHODS.md): 0.569 L/kWh of IT energy; EcoLogits' world electricity
  // mix (electricity_mixes.csv, WOR): 3.908 L, 1.349e-8 kg Sb eq and 2.5871 MJ per kWh.
  private static final double WUE_ONSITE = 0.569;
  private static final double WORLD_WATER = 3.908;
  private static final double WORLD_ADPE = 1.349e-8;
  private static final double WORLD_PE = 2.5871;
  // Fleet defaults (impact-default.yaml, EcoLogits' figures): an 8-GPU server of 5 700 kgCO2e
  // without GPUs, 164 kgCO2e per GPU, 3 years of life (SCI amortisation, a year of 365.25 days);
  // EcoLogits' server 0.37 kg Sb eq and 70 000 MJ, GPU 5.1e-3 kg Sb eq and 1 828 MJ.
  private static final double SERVER_GRAMS = 5_700_000 + 8 * 164_000;
  private static final double SERVER_ADPE = 0.37 + 8 * 5.1e-3;
  private static final double SERVER_MJ = 70_000 + 8 * 1_828;
  private static final double LIFETIME_SECONDS = 3 * 365.25 * 24 * 3600;

  /** A request's GPU energy and the GPU-seconds it is charged, by hand. */
  private record Hand(double gpuJoules, double chargedGpuSeconds, int gpus) {
    double serverJoules() {
      return SERVER_WATTS_PER_GPU * chargedGpuSeconds;
    }
  }

  @Test
  void shouldGiveEveryRequestTheImpactComputedByHandFromTheInputs(@TempDir final Path out)
      throws Exception {
    final Map<Long, Double> a0 = counterJoulesBySecond(GPU_0);
    final Map<Long, Double> a1 = counterJoulesBySecond(GPU_1);
    final Map<String, Hand> hand = new TreeMap<>();
    hand.put(
        "r-1",
        new Hand(
            slot(a0, 10, 20) + slot(a0, 20, 25) / 2 + slot(a0, 25, 30) * 0.5 / 5.5,
            10 + 5.0 / 2 + 5 * 0.5 / 5.5,
            1));
    hand.put(
        "r-2",
        new Hand(
            slot(a0, 20, 25) / 2
                + slot(a0, 25, 30) * 5 / 5.5
                + slot(a0, 30, 45)
                + slot(a0, 45, 50) * 3.25 / 5,
            5.0 / 2 + 5 * 5 / 5.5 + 15 + 3.25,
            1));
    hand.put("r-3", new Hand(slot(a1, 30, 65), 35, 1));
    hand.put("r-4", new Hand(slot(a0, 70, 100) + slot(a1, 70, 100), 30 + 30, 2));
    hand.put("r-5", new Hand(slot(a1, 105, 110) + slot(a1, 110, 115) * 2 / 5, 5 + 2, 1));
    // docs/REPLAY.md's figures for r-1: 6 478.599 J GPU, 1 943.182 J server, water 12.302 mL.
    assertThat(hand.get("r-1").gpuJoules()).isCloseTo(6_478.599, within(0.001));
    assertThat(hand.get("r-1").serverJoules()).isCloseTo(1_943.182, within(0.001));

    final int exit =
        ImpactCli.commandLine(Map.of())
            .execute(
                "replay",
                "--requests",
                example("requests.jsonl"),
                "--gpu-samples",
                example("gpu-samples.jsonl"),
                "--out",
                out.toString());

    assertThat(exit).isZero();
    final Map<String, JsonNode> impacts = requestImpacts(out);
    assertThat(impacts.keySet()).containsExactlyElementsOf(hand.keySet());
    for (final var entry : hand.entrySet()) {
      final JsonNode r = impacts.get(entry.getKey());
      final Hand h = entry.getValue();
      final double it = h.gpuJoules() + h.serverJoules();
      final double facility = PUE * it;
      final double itKwh = it / 3_600_000;
      final double facilityKwh = facility / 3_600_000;
      // SCI M = TE × (TiR / EL) × (RR / ToR): time reserved per GPU, GPUs used of the server's 8
      final double amortised = h.chargedGpuSeconds() / h.gpus() / LIFETIME_SECONDS * h.gpus() / 8;
      final String id = entry.getKey();
      assertThat(r.get("method").asText()).as(id).isEqualTo("MEASURED");
      assertThat(r.get("intensity_source").asText()).as(id).isEqualTo("FALLBACK");
      assertClose(r, "gpu_energy_joules", h.gpuJoules());
      assertClose(r, "server_energy_joules", h.serverJoules());
      assertClose(r, "facility_energy_joules", facility);
      assertClose(r, "operational_emissions_grams", facilityKwh * WORLD_G_PER_KWH);
      assertClose(r, "embodied_emissions_grams", SERVER_GRAMS * amortised);
      assertClose(r, "water_onsite_litres", itKwh * WUE_ONSITE);
      assertClose(r, "water_offsite_litres", facilityKwh * WORLD_WATER);
      assertClose(r, "water_litres", itKwh * WUE_ONSITE + facilityKwh * WORLD_WATER);
      assertClose(
          r, "abiotic_depletion_kg_sb_eq", facilityKwh * WORLD_ADPE + SERVER_ADPE * amortised);
      assertClose(r, "primary_energy_megajoules", facilityKwh * WORLD_PE + SERVER_MJ * amortised);
      assertThat(r.get("training_emissions_grams").isNull())
          .as("training amortization off")
          .isTrue();
    }
    assertThat(impacts.get("r-1").get("water_litres").asDouble())
        .isCloseTo(12.302e-3, within(0.001e-3));
  }

  private static void assertClose(final JsonNode record, final String field, final double want) {
    assertThat(record.get(field).asDouble())
        .as("%s of %s", field, record.get("request_id").asText())
        .isCloseTo(want, within(1e-9 * Math.abs(want)));
  }

  /** GPU energy of the interval [from, to) seconds after 12:00, from the counter, joules. */
  private static double slot(final Map<Long, Double> counter, final long from, final long to) {
    return counter.get(to) - counter.get(from);
  }

  private static Map<Long, Double> counterJoulesBySecond(final String gpu) throws IOException {
    final Map<Long, Double> joules = new HashMap<>();
    for (final String line : Files.readAllLines(Path.of(example("gpu-samples.jsonl")))) {
      if (!line.startsWith("{")) {
        continue;
      }
      final JsonNode sample;
      try {
        sample = JSON.readTree(line);
      } catch (final IOException malformed) {
        continue; // the example's deliberately bad lines
      }
      if (gpu.equals(sample.path("gpu_uuid").asText())
          && sample.path("time").isIntegralNumber()
          && sample.has("energy_millijoules_total")) {
        joules.put(
            (sample.get("time").asLong() - T0) / 1000,
            sample.get("energy_millijoules_total").asDouble() / 1000);
      }
    }
    return joules;
  }

  private static Map<String, JsonNode> requestImpacts(final Path out) throws IOException {
    final Map<String, JsonNode> byId = new TreeMap<>();
    for (final String line : Files.readAllLines(out.resolve("impact.requests.v1.jsonl"))) {
      final JsonNode record = JSON.readTree(line);
      if (byId.put(record.get("key").asText(), record.get("value")) != null) {
        throw new AssertionError("two impacts for " + record.get("key") + " in " + out);
      }
    }
    return byId;
  }

  private static String example(final String name) {
    try {
      return Path.of(
              ReplayExampleHandCheckTest.class.getResource("/replay/example/" + name).toURI())
          .toString();
    } catch (final java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
