package io.inferenceimpact.simulate;

/**
 * A GPU's cumulative energy counter in millijoules since driver load, as NVML/DCGM report it,
 * advanced by the trapezoid of consecutive power readings so that counter and power agree. The
 * fraction below one millijoule is carried, so the counter never drifts from the integral.
 */
public final class EnergyCounter {
  private long millijoules;
  private double carryMillijoules;
  private double lastPowerWatts;
  private long lastMillis;

  /**
   * @param startMillijoules the counter's value at {@code startMillis} (energy since driver load)
   */
  public EnergyCounter(
      final long startMillijoules, final long startMillis, final double startPowerWatts) {
    this.millijoules = startMillijoules;
    this.lastMillis = startMillis;
    this.lastPowerWatts = startPowerWatts;
  }

  /**
   * Advances to {@code nowMillis} where the power reads {@code powerWatts}; returns the counter.
   */
  public long advance(final long nowMillis, final double powerWatts) {
    if (nowMillis < lastMillis) {
      throw new IllegalArgumentException("time went back: " + nowMillis + " < " + lastMillis);
    }
    final double exact =
        (lastPowerWatts + powerWatts) / 2.0 * (nowMillis - lastMillis) + carryMillijoules;
    final long whole = (long) Math.floor(exact);
    millijoules += whole;
    carryMillijoules = exact - whole;
    lastMillis = nowMillis;
    lastPowerWatts = powerWatts;
    return millijoules;
  }

  /** A driver reload: the counter restarts at zero. */
  public void reset() {
    millijoules = 0;
    carryMillijoules = 0.0;
  }

  public long millijoules() {
    return millijoules;
  }
}
