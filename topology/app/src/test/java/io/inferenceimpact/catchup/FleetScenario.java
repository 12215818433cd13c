package io.inferenceimpact.catchup;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic fleet, generated from a seed: {@code minutes} of event time ending a minute
 * before now.
 *
 * <ul>
 *   <li>Four measured nodes of four GPUs (16 GPUs) in zones DE, FR and US-CAL-CISO, sampled every
 *       second (jitter of a few ms, power following a per-GPU load curve); the counter is reported
 *       on half of them. One GPU goes silent for 70 s mid-run (longer than the gap limit): its
 *       requests then are MIXED.
 *   <li>Requests with millisecond start and end, 0.3–25 s long, several at a time per GPU, three
 *       models, one in eight on two GPUs and one in twenty on four; a node whose GPUs report no
 *       telemetry (node-x, in IN-WE: measured path, estimated energy) and hosted-API requests
 *       naming no node or GPU (ESTIMATED, zone from the request).
 *   <li>Grid values every five minutes for each zone (with changes), one minute before the start
 *       too.
 * </ul>
 */
final class FleetScenario {
  static final String[] ZONES = {"DE", "FR", "US-CAL-CISO", "IN-WE"};
  private static final String[] MODELS = {
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Llama-3.1-70B-Instruct",
    "mistralai/Mixtral-8x7B-Instruct-v0.1"
  };

  final long startMillis;
  final long endMillis;
  final List<Map.Entry<String, GpuSample>> samples = new ArrayList<>();
  final List<Map.Entry<String, InferenceRequest>> requests = new ArrayList<>();
  final List<Map.Entry<String, GridIntensity>> grid = new ArrayList<>();

  FleetScenario(final long seed, final int minutes) {
    final Random random = new Random(seed);
    this.endMillis = (System.currentTimeMillis() - 60_000) / 60_000 * 60_000;
    this.startMillis = endMillis - minutes * 60_000L;
    for (int z = 0; z < ZONES.length; z++) {
      for (long t = startMillis - 60_000; t < endMillis; t += 300_000) {
        grid.add(
            Map.entry(
                ZONES[z],
                GridIntensity.newBuilder()
                    .setZone(ZONES[z])
                    .setValidFrom(Instant.ofEpochMilli(t))
                    .setIntensityGPerKwh(40.0 + 150.0 * z + random.nextInt(200))
                    .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
                    .setEstimated(false)
                    .setSource("catch-up-test")
                    .build()));
      }
    }
    for (int n = 1; n <= 4; n++) {
      for (int g = 0; g < 4; g++) {
        final String gpu = gpu(n, g);
        final boolean counter = (n + g) % 2 == 0;
        final boolean silent = n == 2 && g == 1;
        long energyMj = 1_000_000_000L + random.nextInt(1_000_000);
        double watts = 150;
        for (long t = startMillis; t <= endMillis; t += 1_000) {
          final long time = t + random.nextInt(40);
          watts = Math.max(60, Math.min(700, watts + random.nextGaussian() * 60));
          energyMj += Math.round(watts * 1_000);
          if (silent && t >= startMillis + 300_000 && t < startMillis + 370_000) {
            continue;
          }
          samples.add(
              Map.entry(
                  gpu,
                  GpuSample.newBuilder()
                      .setNode(node(n))
                      .setGpuUuid(gpu)
                      .setTime(Instant.ofEpochMilli(time))
                      .setPowerWatts(watts)
                      .setEnergyMillijoulesTotal(counter ? energyMj : null)
                      .build()));
        }
      }
    }
    int i = 0;
    for (long t = startMillis + 2_000; t < endMillis - 30_000; t += 150 + random.nextInt(700)) {
      final int kind = random.nextInt(20);
      final long duration = 300 + random.nextInt(24_700);
      final long end = Math.min(t + duration, endMillis - 1_000);
      final String id = "req-" + seed + "-" + i++;
      final InferenceRequest.Builder r =
          InferenceRequest.newBuilder()
              .setRequestId(id)
              .setModel(MODELS[random.nextInt(MODELS.length)])
              .setStartTime(Instant.ofEpochMilli(t))
              .setEndTime(Instant.ofEpochMilli(end))
              .setInputTokens(50 + random.nextInt(4_000))
              .setOutputTokens(1 + random.nextInt(1_500))
              .setTenant(random.nextBoolean() ? "team-a" : "team-b");
      if (kind == 0) {
        r.setZone("FR"); // a hosted API: no node, no GPU
      } else if (kind == 1) {
        r.setNode("node-x").setGpuUuids(List.of("GPU-x-0")).setZone("IN-WE");
      } else {
        final int n = 1 + random.nextInt(4);
        final int width = kind == 2 ? 4 : kind < 5 ? 2 : 1;
        final int first = random.nextInt(4 / width) * width;
        final List<String> gpus = new ArrayList<>();
        for (int g = first; g < first + width; g++) {
          gpus.add(gpu(n, g));
        }
        r.setNode(node(n)).setGpuUuids(gpus);
      }
      requests.add(Map.entry(id, r.build()));
    }
    samples.sort(Comparator.comparing(e -> e.getValue().getTime()));
    requests.sort(Comparator.comparing(e -> e.getValue().getEndTime()));
  }

  static String node(final int n) {
    return "node-" + n;
  }

  static String gpu(final int n, final int g) {
    return "GPU-" + n + "-" + g;
  }

  /** The fleet configuration: the measured nodes' zones (node-x is configured in IN-WE). */
  static Map<String, String> nodeZones() {
    return Map.of(
        "node-1", "DE",
        "node-2", "DE",
        "node-3", "FR",
        "node-4", "US-CAL-CISO",
        "node-x", "IN-WE");
  }
}
