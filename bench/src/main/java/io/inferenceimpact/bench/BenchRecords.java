package io.inferenceimpact.bench;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The records the benchmarks encode: every field set, with values of realistic size (a 4-GPU LLM
 * request with attributes, one DCGM sample of a MIG slice), so that no branch of the encoders is
 * skipped.
 */
final class BenchRecords {

  private static final Instant START = Instant.parse("2026-11-27T10:15:30.125Z");

  private BenchRecords() {}

  static InferenceRequest inferenceRequest() {
    return InferenceRequest.newBuilder()
        .setRequestId("req-7f3c2a9e-41d8-4b6f-9d0e-5a1b2c3d4e5f")
        .setModel("meta-llama/Llama-3.1-70B-Instruct")
        .setDeployment("llama70b-prod")
        .setNode("gpu-node-7")
        .setGpuUuids(List.of("GPU-aaaa", "GPU-bbbb", "GPU-cccc", "GPU-dddd"))
        .setZone("DE")
        .setTenant("team-search")
        .setProvider("self-hosted")
        .setStartTime(START)
        .setEndTime(START.plusMillis(8_431))
        .setInputTokens(1_874)
        .setOutputTokens(412)
        .setCachedInputTokens(1_024L)
        .setTimeToFirstTokenMs(182.5)
        .setStatus(RequestStatus.OK)
        .setTask("chat")
        .setOutputImages(0)
        .setAttributes(Map.of("engine", "vllm-0.11", "batch_size", "64"))
        .build();
  }

  static GpuSample gpuSample() {
    return GpuSample.newBuilder()
        .setNode("gpu-node-7")
        .setGpuUuid("GPU-5fd4c1b2-8e7a-4a3b-9c2d-1e0f9a8b7c6d")
        .setGpuModel("NVIDIA H100 80GB HBM3")
        .setMigInstanceId("3")
        .setTime(START)
        .setPowerWatts(412.75)
        .setEnergyMillijoulesTotal(2_490_684_331L)
        .setUtilizationPercent(87.0)
        .setMemoryUsedBytes(64_424_509_440L)
        .build();
  }
}
