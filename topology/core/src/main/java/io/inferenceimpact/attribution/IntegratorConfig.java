package io.inferenceimpact.attribution;

/**
 * Settings of {@link GpuSlotIntegrator}.
 *
 * @param slotMillis slot length; slots are aligned to the epoch ({@code start % slotMillis == 0})
 * @param maxGapMillis two consecutive samples further apart than this leave the stretch between
 *     them UNMEASURED (no energy is invented for it)
 * @param maxPlausiblePowerWatts a counter delta implying a mean power above this is treated like a
 *     counter reset (the interval falls back to trapezoidal power); guards against counter wraps
 *     and foreign counters after a device swap
 */
public record IntegratorConfig(long slotMillis, long maxGapMillis, double maxPlausiblePowerWatts) {

  /** 5 s slots, 30 s gap limit, 5 kW plausibility ceiling (well above a 1 kW-class accelerator). */
  public static final IntegratorConfig DEFAULTS = new IntegratorConfig(5_000, 30_000, 5_000.0);

  public IntegratorConfig {
    if (slotMillis <= 0) {
      throw new IllegalArgumentException("slotMillis must be > 0, was " + slotMillis);
    }
    if (maxGapMillis <= 0) {
      throw new IllegalArgumentException("maxGapMillis must be > 0, was " + maxGapMillis);
    }
    if (!(maxPlausiblePowerWatts > 0)) {
      throw new IllegalArgumentException(
          "maxPlausiblePowerWatts must be > 0, was " + maxPlausiblePowerWatts);
    }
  }

  /** Start of the slot that contains {@code timeMillis}. */
  public long slotStartOf(final long timeMillis) {
    return Math.floorDiv(timeMillis, slotMillis) * slotMillis;
  }
}
