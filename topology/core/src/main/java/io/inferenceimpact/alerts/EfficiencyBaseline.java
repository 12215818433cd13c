package io.inferenceimpact.alerts;

import java.time.Duration;

/**
 * A learned energy-per-token baseline: exponentially decayed sums of facility energy and output
 * tokens (weights halve every half-life), so the baseline is the token-weighted mean of recent
 * windows, recent ones counting more. Immutable.
 *
 * @param decayedJoules decayed sum of facility energy, joules
 * @param decayedTokens decayed sum of output tokens
 * @param samples windows learned so far
 * @param lastMillis event time of the last window learned (window end)
 */
public record EfficiencyBaseline(
    double decayedJoules, double decayedTokens, int samples, long lastMillis) {

  public static EfficiencyBaseline empty() {
    return new EfficiencyBaseline(0.0, 0.0, 0, Long.MIN_VALUE);
  }

  /** The baseline after learning one window. */
  public EfficiencyBaseline learn(
      final double joules, final long outputTokens, final long atMillis, final Duration halfLife) {
    final double decay =
        samples == 0 || atMillis <= lastMillis
            ? 1.0
            : Math.pow(0.5, (atMillis - lastMillis) / (double) halfLife.toMillis());
    return new EfficiencyBaseline(
        decayedJoules * decay + joules,
        decayedTokens * decay + outputTokens,
        samples + 1,
        Math.max(lastMillis, atMillis));
  }

  /** Watt-hours per 1000 output tokens, or NaN with nothing learned. */
  public double whPer1kOutputTokens() {
    return decayedTokens <= 0 ? Double.NaN : decayedJoules / 3600.0 / decayedTokens * 1000.0;
  }

  /**
   * The verdict for a window: observed is the window's ratio to the baseline, the threshold is the
   * rule's factor. Not judged (neither breaching nor clear) before {@code minSamples}.
   */
  public Verdict verdict(final EfficiencyRule rule, final double windowWhPer1k) {
    final double ratio = windowWhPer1k / whPer1kOutputTokens();
    if (samples < rule.minSamples() || !Double.isFinite(ratio)) {
      return new Verdict(false, true, Double.isFinite(ratio) ? ratio : 0.0, rule.factor(), "ratio");
    }
    // Hysteresis on the excess over 1, so that factor 1.3 with 10 % clears below 1.27.
    final double clearBelow = 1.0 + (rule.factor() - 1.0) * (1.0 - rule.common().hysteresis());
    return new Verdict(ratio > rule.factor(), ratio < clearBelow, ratio, rule.factor(), "ratio");
  }
}
