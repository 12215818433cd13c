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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented output of the checked-in example (docs/REPLAY.md), recomputed here from the input
 * file alone. Request r-1 runs 12:00:10.000–12:00:25.500 on GPU …a0; r-2 runs from 12:00:20 to
 * 12:00:48.250 on the same GPU. Samples come every second; at each instant the GPU's energy is
 * shared equally by the requests running then, and inside a sample interval power follows the line
 * between the two readings, scaled to the counter's delta:
 *
 * <ul>
 *   <li>[10, 20): r-1 alone, all energy;
 *   <li>[20, 25): both, half each;
 *   <li>[25, 25.5): both, half each of the first half-second of the interval [25, 26): with
 *       readings p25 and p26 the line's integral over [25, 25.5) is 0.5 × (p25 + (p25 + p26) / 2) /
 *       2 and over [25, 26) (p25 + p26) / 2, so that part holds (3 p25 + p26) / (4 (p25 + p26)) of
 *       the interval's counter delta.
 * </ul>
 *
 * Server power is the default 1.2 kW per 8-GPU server (150 W per GPU) over each 5 s slot's measured
 * time, given to the slot's requests in proportion to their GPU energy in it; PUE 1.2.
 */
class ReplayExampleHandCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_795_780_800_000L; // 2026-11-27T12:00:00Z
  private static final String GPU = "GPU-8f3c2a10-0000-4000-8000-0000000000a0";

  @Test
  void shouldGiveRequestOneTheEnergyComputedByHandFromTheCounters(@TempDir final Path out)
      throws Exception {
    final Map<Long, Double> counterJoules = counterJoulesBySecond(false);
    final Map<Long, Double> watts = counterJoulesBySecond(true);
    final double from10to20 = counterJoules.get(20L) - counterJoules.get(10L);
    final double from20to25 = counterJoules.get(25L) - counterJoules.get(20L);
    final double p25 = watts.get(25L);
    final double p26 = watts.get(26L);
    final double from25to25half =
        (counterJoules.get(26L) - counterJoules.get(25L)) * (3 * p25 + p26) / (4 * (p25 + p26));
    final double slot25to30 = counterJoules.get(30L) - counterJoules.get(25L);
    final double r1In25to30 = from25to25half / 2;
    final double gpuJoules = from10to20 + from20to25 / 2 + r1In25to30;
    final double serverJoules = 150.0 * (10 + 5.0 / 2) + 150.0 * 5 * r1In25to30 / slot25to30;

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
    final JsonNode r1 = requestImpact(out, "r-1");
    assertThat(r1.get("method").asText()).isEqualTo("MEASURED");
    assertThat(r1.get("gpu_energy_joules").asDouble()).isCloseTo(gpuJoules, within(1e-6));
    assertThat(r1.get("server_energy_joules").asDouble()).isCloseTo(serverJoules, within(1e-6));
    assertThat(r1.get("facility_energy_joules").asDouble())
        .isCloseTo(1.2 * (gpuJoules + serverJoules), within(1e-6));
    assertThat(gpuJoules).as("a loaded H200 for ~13 s").isBetween(6_000.0, 7_000.0);

    // Water (docs/REPLAY.md): on-site IT kWh × the fleet default WUE 0.569 L/kWh, off-site facility
    // kWh × 3.908 L/kWh (EcoLogits' world electricity mix, WRI): 1.310 mL + 10.797 mL = 12.107 mL.
    final double itKwh = (gpuJoules + serverJoules) / 3_600_000;
    final double facilityKwh = 1.2 * itKwh;
    assertThat(r1.get("water_onsite_litres").asDouble()).isCloseTo(itKwh * 0.569, within(1e-12));
    assertThat(r1.get("water_offsite_litres").asDouble())
        .isCloseTo(facilityKwh * 3.908, within(1e-12));
    assertThat(r1.get("water_litres").asDouble())
        .isCloseTo(itKwh * 0.569 + facilityKwh * 3.908, within(1e-12))
        .isCloseTo(12.107e-3, within(0.001e-3));
    assertThat(r1.get("training_emissions_grams").isNull())
        .as("training amortization off")
        .isTrue();

    // Abiotic depletion and primary energy: usage (world electricity factors of EcoLogits'
    // electricity_mixes.csv, WOR: 1.349e-8 kg Sb eq and 2.5871 MJ per kWh) plus the hardware's
    // share, amortised like the embodied CO2e (node-a takes the fleet defaults: an 8-GPU server of
    // 5 700 kgCO2e, 0.37 kg Sb eq, 70 000 MJ plus 164 kgCO2e, 5.1e-3 kg Sb eq, 1 828 MJ per GPU).
    final double kwh = r1.get("facility_energy_joules").asDouble() / 3_600_000;
    final double embodiedGrams = r1.get("embodied_emissions_grams").asDouble();
    final double serverGrams = 5_700_000 + 8 * 164_000;
    assertThat(r1.get("primary_energy_megajoules").asDouble())
        .isCloseTo(kwh * 2.5871 + embodiedGrams * (70_000 + 8 * 1_828) / serverGrams, within(1e-9));
    assertThat(r1.get("abiotic_depletion_kg_sb_eq").asDouble())
        .isCloseTo(
            kwh * 1.349e-8 + embodiedGrams * (0.37 + 8 * 5.1e-3) / serverGrams, within(1e-15));
  }

  /** GPU …a0's counter in joules (or, with {@code power}, its power reading) by second after T0. */
  private static Map<Long, Double> counterJoulesBySecond(final boolean power) throws IOException {
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
      if (GPU.equals(sample.path("gpu_uuid").asText())
          && sample.path("time").isIntegralNumber()
          && sample.has("energy_millijoules_total")) {
        joules.put(
            (sample.get("time").asLong() - T0) / 1000,
            power
                ? sample.get("power_watts").asDouble()
                : sample.get("energy_millijoules_total").asDouble() / 1000);
      }
    }
    return joules;
  }

  private static JsonNode requestImpact(final Path out, final String id) throws IOException {
    for (final String line : Files.readAllLines(out.resolve("impact.requests.v1.jsonl"))) {
      final JsonNode record = JSON.readTree(line);
      if (id.equals(record.get("key").asText())) {
        return record.get("value");
      }
    }
    throw new AssertionError("no impact for " + id + " in " + out);
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
