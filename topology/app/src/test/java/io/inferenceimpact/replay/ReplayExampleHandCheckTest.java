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
 * (12:00:30–12:01:05) and r-5 (12:01:45–12:01:52), and r-4 uses both (12:01:10–12:01:40). Samples
 * come every second; at each instant a GPU's energy is shared equally by the requests running then,
 * and inside a sample interval [t, t + 1) power follows the line between the readings p0 and p1,
 * scaled to the counter's delta: the line's integral over [t, t + x) is p0 x + (p1 − p0) x² / 2 and
 * over the whole interval (p0 + p1) / 2, so [t, t + x) holds (2 p0 x + (p1 − p0) x²) / (p0 + p1) of
 * the delta — (3 p0 + p1) / (4 (p0 + p1)) for x = 0.5 and (7 p0 + p1) / (16 (p0 + p1)) for x =
 * 0.25. Only r-1's end (25.5) and r-2's end (48.25) fall inside an interval:
 *
 * <ul>
 *   <li>…a0 [10, 20): r-1 alone; [20, 25): both, half each; [25, 25.5): both, half each; [25.5,
 *       48): r-2 alone; [48, 48.25): r-2 alone; the rest of [48, 50) is idle;
 *   <li>…a1 [30, 65): r-3 alone; [105, 112): r-5 alone, the rest of [110, 115) idle;
 *   <li>…a0 and …a1 [70, 100): r-4 alone on both.
 * </ul>
 *
 * Server power is the default 1.2 kW per 8-GPU server (150 W per GPU) over each 5 s slot's measured
 * time (every slot here is fully measured), given to the slot's requests (and idle energy) in
 * proportion to their GPU energy in it; PUE 1.2. Embodied figures use the GPU-seconds a request is
 * charged: in each slot its overlap × the GPU's busy time / Σ overlaps of the slot's requests (in
 * [25, 30) busy 5 s, overlaps 0.5 s and 5 s). The invalid sample lines (a power given as text at
 * 12:00:50.500, a negative power at 12:01:30.500) carry no counter and fall where one request runs
 * alone (or none), so they change no share. The rest follows docs/METHODS.md.
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

  /** A request's GPU and server energy and the GPU-seconds it is charged, by hand. */
  private record Hand(double gpuJoules, double serverJoules, double chargedGpuSeconds, int gpus) {}

  @Test
  void shouldGiveEveryRequestTheImpactComputedByHandFromTheInputs(@TempDir final Path out)
      throws Exception {
    final Readings a0 = readings(GPU_0);
    final Readings a1 = readings(GPU_1);
    // Server energy of a whole 5 s slot on one GPU: 150 W × 5 s = 750 J.
    final double slotServer = SERVER_WATTS_PER_GPU * 5;

    // …a0, [25, 26): r-1 and r-2 share its first half-second, r-2 has the rest.
    final double a0From25to25half =
        a0.energy(25, 26) * (3 * a0.watts(25) + a0.watts(26)) / (4 * (a0.watts(25) + a0.watts(26)));
    final double r1In25to30 = a0From25to25half / 2;
    final double r2In25to30 = a0.energy(25, 30) - r1In25to30; // no idle time in [25, 30)
    // …a0, [48, 49): r-2 has its first quarter-second, the rest is idle.
    final double a0From48to48quarter =
        a0.energy(48, 49)
            * (7 * a0.watts(48) + a0.watts(49))
            / (16 * (a0.watts(48) + a0.watts(49)));
    final double r2In45to50 = a0.energy(45, 48) + a0From48to48quarter;

    final Map<String, Hand> hand = new TreeMap<>();
    hand.put(
        "r-1",
        new Hand(
            a0.energy(10, 20) + a0.energy(20, 25) / 2 + r1In25to30,
            // [10, 20) two whole slots; [20, 25) half (equal GPU energy); [25, 30) by energy
            2 * slotServer + slotServer / 2 + slotServer * r1In25to30 / a0.energy(25, 30),
            // [10, 20) 10 s; [20, 25) busy 5 s, overlaps 5 + 5; [25, 30) busy 5, overlaps 0.5 + 5
            10 + 5.0 * 5 / 10 + 0.5 * 5 / 5.5,
            1));
    hand.put(
        "r-2",
        new Hand(
            a0.energy(20, 25) / 2 + r2In25to30 + a0.energy(30, 45) + r2In45to50,
            slotServer / 2
                + slotServer * r2In25to30 / a0.energy(25, 30)
                + 3 * slotServer
                + slotServer * r2In45to50 / a0.energy(45, 50),
            // [20, 25) 2.5 s; [25, 30) 5 × 5 / 5.5; [30, 45) 15 s; [45, 50) busy 3.25 s
            5.0 * 5 / 10 + 5 * 5 / 5.5 + 15 + 3.25,
            1));
    // r-3 alone on …a1 for the seven slots [30, 65)
    hand.put("r-3", new Hand(a1.energy(30, 65), 7 * slotServer, 35, 1));
    // r-4 alone on both GPUs for the six slots [70, 100) each
    hand.put(
        "r-4", new Hand(a0.energy(70, 100) + a1.energy(70, 100), 2 * 6 * slotServer, 30 + 30, 2));
    // r-5 alone on …a1: the slot [105, 110) and [110, 112) of the slot [110, 115)
    hand.put(
        "r-5",
        new Hand(
            a1.energy(105, 112),
            slotServer + slotServer * a1.energy(110, 112) / a1.energy(110, 115),
            5 + 2,
            1));
    // docs/REPLAY.md's figures for r-1: 6 375.852 J GPU, 1 912.377 J server, water 12.107 mL.
    assertThat(hand.get("r-1").gpuJoules()).isCloseTo(6_375.852, within(0.001));
    assertThat(hand.get("r-1").serverJoules()).isCloseTo(1_912.377, within(0.001));

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
        .isCloseTo(12.107e-3, within(0.001e-3));
  }

  private static void assertClose(final JsonNode record, final String field, final double want) {
    assertThat(record.get(field).asDouble())
        .as("%s of %s", field, record.get("request_id").asText())
        .isCloseTo(want, within(1e-9 * Math.abs(want)));
  }

  /** One GPU's valid readings by whole second after 12:00: counter in joules, power in watts. */
  private record Readings(Map<Long, Double> counterJoules, Map<Long, Double> powerWatts) {
    /** The counter's delta over [from, to) seconds after 12:00, joules. */
    double energy(final long from, final long to) {
      return counterJoules.get(to) - counterJoules.get(from);
    }

    double watts(final long second) {
      return powerWatts.get(second);
    }
  }

  private static Readings readings(final String gpu) throws IOException {
    final Map<Long, Double> joules = new HashMap<>();
    final Map<Long, Double> watts = new HashMap<>();
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
        final long second = (sample.get("time").asLong() - T0) / 1000;
        joules.put(second, sample.get("energy_millijoules_total").asDouble() / 1000);
        watts.put(second, sample.get("power_watts").asDouble());
      }
    }
    return new Readings(joules, watts);
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
