package io.inferenceimpact.topology.model;

/**
 * One GPU telemetry sample (DCGM exporter / NVML), as the topology's stages see it; the Avro {@code
 * GpuSample} maps onto it field by field.
 *
 * @param powerWatts instantaneous power draw (DCGM_FI_DEV_POWER_USAGE, W)
 * @param energyMillijoules cumulative energy since driver load
 *     (DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION, mJ), or null
 * @param utilisationPercent GPU utilisation 0–100, or null
 * @param memoryUsedBytes framebuffer memory in use, or null
 */
public record GpuSampleEvent(
    String node,
    String gpuUuid,
    String gpuModel,
    long timeMillis,
    double powerWatts,
    Long energyMillijoules,
    Double utilisationPercent,
    Long memoryUsedBytes) {}
