package io.inferenceimpact.alerts;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent emissions of one budget's subject: grams CO2e per final window, by window end, kept
 * for the rule's long window. Several windows may end at the same time (one per zone); they add.
 * Immutable; small (one entry per window in the long window).
 *
 * @param gramsByWindowEnd emissions (operational + embodied) by window end, epoch millis
 */
public record BurnLedger(Map<Long, Double> gramsByWindowEnd) {
  public BurnLedger {
    gramsByWindowEnd = new TreeMap<>(gramsByWindowEnd == null ? Map.of() : gramsByWindowEnd);
  }

  public static BurnLedger empty() {
    return new BurnLedger(Map.of());
  }

  /** This ledger with a window's grams added, dropping windows older than {@code keep}. */
  public BurnLedger plus(final long windowEndMillis, final double grams, final Duration keep) {
    final TreeMap<Long, Double> next = new TreeMap<>(gramsByWindowEnd);
    next.merge(windowEndMillis, grams, Double::sum);
    final long newest = next.lastKey();
    next.headMap(newest - keep.toMillis(), true).clear();
    return new BurnLedger(next);
  }

  /** Grams of the windows that ended in {@code (nowMillis - window, nowMillis]}. */
  public double gramsIn(final Duration window, final long nowMillis) {
    return gramsByWindowEnd.entrySet().stream()
        .filter(e -> e.getKey() > nowMillis - window.toMillis() && e.getKey() <= nowMillis)
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /**
   * Burn rate over a window: its emissions divided by what the budget allows in that window (1.0:
   * exactly on budget).
   */
  public double burnRate(final Duration window, final long nowMillis, final double budgetPerHour) {
    final double allowed = budgetPerHour * window.toMillis() / 3_600_000.0;
    return gramsIn(window, nowMillis) / allowed;
  }

  /**
   * The multi-window verdict: breaching when both windows burn faster than {@code rule.burnRate};
   * clear when either burns slower than that less the hysteresis margin. Observed: the slower of
   * the two burn rates (the one that decides).
   */
  public Verdict verdict(final BudgetBurnRule rule, final long nowMillis) {
    final double longBurn = burnRate(rule.longWindow(), nowMillis, rule.budgetGramsPerHour());
    final double shortBurn = burnRate(rule.shortWindow(), nowMillis, rule.budgetGramsPerHour());
    final double deciding = Math.min(longBurn, shortBurn);
    return Verdict.above(deciding, rule.burnRate(), rule.common().hysteresis(), "burn_rate");
  }
}
