package io.inferenceimpact.simulate;

import java.util.List;

/**
 * A served model: how many GPUs one replica takes, its GPU energy per output token as a function of
 * the batch it runs in, and its latency model.
 *
 * <p>Energy per output token (whole replica, GPU energy only, vLLM on H100) at batch 8/64/512 from
 * the ML.ENERGY leaderboard v3 (REFERENCES.md): Llama-3.1-8B on 1 GPU 0.455/0.119/0.070 J;
 * Llama-3.1-70B on 4 GPUs 3.76/0.797/0.421 J. For Mixtral-8x7B (MoE, 12.9 B active of 46.7 B,
 * EcoLogits models.json) the batch-64 value is the EcoLogits estimate per GPU, f_E = α·e^(β·64)·
 * P_active + γ Wh = 0.1725 J, on its EcoLogits GPU count of 2 (1.2 × 46.7 × 2 B = 112 GB → 2 × 80
 * GB), so 0.345 J; its batch-8 and batch-512 values scale that by the 8B model's measured ratios
 * (×3.82, ×0.588). Between the measured batches the value is interpolated in log–log; outside them
 * it is held at the nearest end.
 *
 * <p>Latency: time per output token from EcoLogits, f_L = 6.785e-4·P_active + 3.119e-4·B + 1.947e-2
 * s. Time to first token = 20 ms + prefill, with prefill FLOPs = 2 × P_active × input tokens
 * (Kaplan et al. 2020) at 40 % of the H100's 989 TFLOPS dense BF16 (NVIDIA datasheet) per GPU of
 * the replica; the 40 % utilisation is an assumption.
 */
public record ModelProfile(
    String name,
    int gpusPerReplica,
    double activeParamsBillions,
    double joulesPerTokenBatch8,
    double joulesPerTokenBatch64,
    double joulesPerTokenBatch512) {

  public static final ModelProfile LLAMA_8B =
      new ModelProfile("meta-llama/Meta-Llama-3.1-8B-Instruct", 1, 8.03, 0.455, 0.119, 0.070);
  public static final ModelProfile LLAMA_70B =
      new ModelProfile("meta-llama/Meta-Llama-3.1-70B-Instruct", 4, 70.55, 3.76, 0.797, 0.421);
  public static final ModelProfile MIXTRAL_8X7B =
      new ModelProfile("mistralai/Mixtral-8x7B-Instruct-v0.1", 2, 12.9, 1.318, 0.345, 0.203);

  /** The catalog, largest replica first. */
  public static final List<ModelProfile> CATALOG = List.of(LLAMA_70B, MIXTRAL_8X7B, LLAMA_8B);

  private static final int MAX_BATCH = 256;
  private static final double PEAK_FLOPS_PER_GPU = 989e12 * 0.40;

  /** GPU energy of the whole replica per output token when {@code batch} requests run together. */
  public double joulesPerToken(final int batch) {
    final double b = Math.max(8, Math.min(512, batch));
    final double logB = Math.log(b);
    if (b <= 64) {
      return logInterpolate(
          logB, Math.log(8), joulesPerTokenBatch8, Math.log(64), joulesPerTokenBatch64);
    }
    return logInterpolate(
        logB, Math.log(64), joulesPerTokenBatch64, Math.log(512), joulesPerTokenBatch512);
  }

  /**
   * Seconds per output token of one request in a batch of {@code batch} (EcoLogits f_L), the batch
   * held at vLLM's default max_num_seqs of 256 (more requests would queue; queueing is not
   * modelled).
   */
  public double secondsPerToken(final int batch) {
    final int b = Math.max(1, Math.min(MAX_BATCH, batch));
    return 6.785e-4 * activeParamsBillions + 3.119e-4 * b + 1.947e-2;
  }

  /** Seconds from arrival to the first output token for a prompt of {@code inputTokens}. */
  public double timeToFirstTokenSeconds(final long inputTokens) {
    final double flops = 2.0 * activeParamsBillions * 1e9 * inputTokens;
    return 0.020 + flops / (PEAK_FLOPS_PER_GPU * gpusPerReplica);
  }

  private static double logInterpolate(
      final double x, final double x0, final double y0, final double x1, final double y1) {
    final double f = (x - x0) / (x1 - x0);
    return Math.exp(Math.log(y0) + f * (Math.log(y1) - Math.log(y0)));
  }
}
