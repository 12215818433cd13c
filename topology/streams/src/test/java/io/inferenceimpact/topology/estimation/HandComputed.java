package io.inferenceimpact.topology.estimation;

/**
 * The EcoLogits LLM method written out by hand for a dense model on ONE GPU (1.2 × P × 16/8 GB ≤ 80
 * GB), with llm.py v0.9's constants: f_E = α·e^(β·64)·P + γ Wh per token, f_L = α'·P + β'·64 + γ' s
 * per token, ΔT = min(T_out × f_L, latency), server = ΔT × 1200 W × (1/8) / 64, embodied = ΔT / (64
 * × 3 years) × (5700 kg / 8 + 164 kg).
 */
final class HandComputed {
  private HandComputed() {}

  static double gpuJoules(final double paramsBillions, final long outputTokens) {
    final double whPerToken =
        1.1665273170451914e-06 * Math.exp(-0.011205921025579175 * 64) * paramsBillions
            + 4.052928146734005e-05;
    return outputTokens * whPerToken * 3600.0;
  }

  static double seconds(
      final double paramsBillions, final long outputTokens, final double latencySeconds) {
    final double perToken =
        0.0006785088094353663 * paramsBillions + 0.0003119310311688259 * 64 + 0.019473717579473387;
    return Math.min(outputTokens * perToken, latencySeconds);
  }

  static double serverJoules(final double seconds) {
    return seconds * 1200.0 / 8 / 64;
  }

  static double embodiedGrams(final double seconds) {
    return seconds / (64 * 3.0 * 365 * 24 * 3600) * (5700.0 / 8 + 164.0) * 1000.0;
  }
}
