package io.inferenceimpact.simulate;

/**
 * Board power of one GPU while it serves: idle power plus its share of the energy of the tokens its
 * replica generates per second, capped at the power limit.
 *
 * <p>power = min(limit, idle + (Σ over decoding requests of tokens/s) × J per token(batch) ×
 * regression factor / GPUs of the replica). J per token comes from {@link ModelProfile} (ML.ENERGY
 * leaderboard v3, GPU energy of the whole replica), idle power and limit from {@link GpuType} (this
 * project's H200 measurement: idle ≈126 W, limit 700 W). Prefill is not modelled apart: the
 * measured per-output-token energy already includes it, and here it is spread over the decode.
 */
public final class PowerModel {
  private PowerModel() {}

  /**
   * @param type the GPU's type
   * @param replicaTokensPerSecond output tokens per second of all requests decoding on the replica
   * @param joulesPerToken energy per output token of the whole replica at the current batch
   * @param gpusPerReplica GPUs the replica spans (the energy is split evenly)
   */
  public static double powerWatts(
      final GpuType type,
      final double replicaTokensPerSecond,
      final double joulesPerToken,
      final int gpusPerReplica) {
    final double loadWatts = replicaTokensPerSecond * joulesPerToken / gpusPerReplica;
    return Math.min(type.limitWatts(), type.idleWatts() + Math.max(0.0, loadWatts));
  }
}
