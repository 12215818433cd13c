package io.inferenceimpact.testing;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small measured scenario that several integration tests share: {@value #NODE} with GPU-A at
 * 300 W and GPU-B at 200 W, sampled every second for 20 s from {@code base}, and three requests (r1
 * on GPU-A, r2 on both, r3 on GPU-B; models m1 and m2), each with 100 input and 200 output tokens.
 */
public final class TwoGpuNode {
  public static final String NODE = "node-1";

  private TwoGpuNode() {}

  /** The samples keyed by GPU UUID, as exporters produce them: one GPU's samples stay in order. */
  public static List<Map.Entry<String, GpuSample>> samples(final long base) {
    final List<Map.Entry<String, GpuSample>> samples = new ArrayList<>();
    for (long t = 0; t <= 20_000; t += 1_000) {
      for (final String gpu : List.of("GPU-A", "GPU-B")) {
        samples.add(
            Map.entry(
                gpu,
                GpuSample.newBuilder()
                    .setNode(NODE)
                    .setGpuUuid(gpu)
                    .setTime(Instant.ofEpochMilli(base + t))
                    .setPowerWatts(gpu.equals("GPU-A") ? 300.0 : 200.0)
                    .build()));
      }
    }
    return samples;
  }

  /** r1, r2 and r3 by request id, in the zone given (null: the node's zone from configuration). */
  public static Map<String, InferenceRequest> requests(final long base, final String zone) {
    final Map<String, InferenceRequest> requests = new LinkedHashMap<>();
    requests.put("r1", request("r1", "m1", zone, base + 2_000, base + 8_000, "GPU-A"));
    requests.put("r2", request("r2", "m2", zone, base + 5_000, base + 15_000, "GPU-A", "GPU-B"));
    requests.put("r3", request("r3", "m1", zone, base + 10_000, base + 12_000, "GPU-B"));
    return requests;
  }

  private static InferenceRequest request(
      final String id,
      final String model,
      final String zone,
      final long startMillis,
      final long endMillis,
      final String... gpus) {
    return InferenceRequest.newBuilder()
        .setRequestId(id)
        .setModel(model)
        .setNode(NODE)
        .setZone(zone)
        .setGpuUuids(List.of(gpus))
        .setStartTime(Instant.ofEpochMilli(startMillis))
        .setEndTime(Instant.ofEpochMilli(endMillis))
        .setInputTokens(100)
        .setOutputTokens(200)
        .build();
  }
}
