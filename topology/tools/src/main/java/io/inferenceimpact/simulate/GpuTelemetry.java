package io.inferenceimpact.simulate;

import io.inferenceimpact.avro.GpuSample;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The GPUs' side of the simulation: each second, every GPU's power from its replica's load ({@link
 * PowerModel}), its energy counter advanced by the trapezoid ({@link EnergyCounter}), and a {@link
 * GpuSample} as DCGM would report it. Utilisation reads 100 % while any request of the replica is
 * in flight (DCGM's GPU_UTIL is the share of time a kernel runs), memory 90 % of the board (vLLM's
 * default gpu_memory_utilization reserves it at start).
 */
final class GpuTelemetry {
  private final Map<String, EnergyCounter> counters = new LinkedHashMap<>();

  GpuTelemetry(final Fleet fleet, final long startMillis, final Random random) {
    for (final Fleet.Node node : fleet.nodes()) {
      for (final Fleet.Gpu gpu : node.gpus()) {
        // Energy since driver load: up to ~30 days at idle power.
        final long sinceLoad =
            (long) (random.nextDouble() * 30 * 86_400 * gpu.type().idleWatts() * 1000);
        counters.put(gpu.uuid(), new EnergyCounter(sinceLoad, startMillis, gpu.type().idleWatts()));
      }
    }
  }

  /** Resets one GPU's counter (a driver reload). */
  void reset(final String gpuUuid) {
    counters.get(gpuUuid).reset();
  }

  /**
   * Advances every GPU of the replica to {@code millis} and emits their samples unless {@code
   * silent}.
   */
  void sample(
      final Replica replica,
      final long millis,
      final double energyFactor,
      final boolean silent,
      final SimulationSink sink) {
    final Fleet.Deployment deployment = replica.deployment();
    final ModelProfile model = deployment.model();
    final double joulesPerToken = model.joulesPerToken(replica.batch()) * energyFactor;
    final double tokensPerSecond = replica.tokensPerSecondAt(millis);
    for (final Fleet.Gpu gpu : deployment.gpus()) {
      final double powerWatts =
          PowerModel.powerWatts(
              gpu.type(), tokensPerSecond, joulesPerToken, model.gpusPerReplica());
      final long counter = counters.get(gpu.uuid()).advance(millis, powerWatts);
      if (silent) {
        continue;
      }
      sink.gpuSample(
          GpuSample.newBuilder()
              .setNode(gpu.node())
              .setGpuUuid(gpu.uuid())
              .setGpuModel(gpu.type().modelName())
              .setMigInstanceId(null)
              .setTime(Instant.ofEpochMilli(millis))
              .setPowerWatts(Math.round(powerWatts * 1000.0) / 1000.0)
              .setEnergyMillijoulesTotal(counter)
              .setUtilizationPercent(replica.batch() > 0 ? 100.0 : 0.0)
              .setMemoryUsedBytes((long) (gpu.type().memoryBytes() * 0.9))
              .build());
    }
  }
}
