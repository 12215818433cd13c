package io.inferenceimpact.alerts;

/**
 * One evaluation of a rule for one subject. A condition has three states, for hysteresis: {@code
 * breaching} (over the threshold: starts an episode), {@code clear} (below the threshold by the
 * rule's hysteresis margin: counts towards resolving) or neither (in the band between: an episode
 * that fires keeps firing, none starts).
 *
 * @param observed the value that was judged, in {@code unit}
 * @param threshold the rule's threshold, in {@code unit}
 */
public record Verdict(
    boolean breaching, boolean clear, double observed, double threshold, String unit) {

  /** A condition "value above threshold" with the rule's hysteresis margin. */
  public static Verdict above(
      final double observed, final double threshold, final double hysteresis, final String unit) {
    return new Verdict(
        observed > threshold, observed < threshold * (1.0 - hysteresis), observed, threshold, unit);
  }

  /**
   * Nothing left to judge (e.g. traffic stopped): clear, keeping the last values for the record.
   */
  public Verdict cleared() {
    return new Verdict(false, true, observed, threshold, unit);
  }
}
