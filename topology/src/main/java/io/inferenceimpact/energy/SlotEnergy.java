package io.inferenceimpact.energy;

/**
 * Measured energy of one GPU during one slot {@code [slotStartMillis, slotEndMillis)}.
 *
 * <p>{@code measuredMillis + unmeasuredMillis == slotEndMillis - slotStartMillis} for every slot
 * the integrator emits. Energy belongs to the measured time only; unmeasured time (gaps in
 * telemetry, before the first sample, after a flush) carries none and is left to the estimated
 * path. {@code [measuredStartMillis, measuredEndMillis)} is the hull of the measured time in the
 * slot: the time span over which attribution spreads the energy (equal to the slot when fully
 * measured).
 *
 * @param gpuId GPU UUID
 * @param slotStartMillis slot start, epoch millis, inclusive
 * @param slotEndMillis slot end, exclusive
 * @param energyJoules energy measured in the slot, joules, never negative
 * @param measuredMillis time of the slot covered by integrable samples
 * @param unmeasuredMillis time of the slot not covered
 * @param measuredStartMillis first measured instant (slot start when nothing is measured)
 * @param measuredEndMillis end of the last measured stretch (slot start when nothing is measured)
 * @param counterAnomalies counter resets or implausible jumps handled in this slot
 */
public record SlotEnergy(
    String gpuId,
    long slotStartMillis,
    long slotEndMillis,
    double energyJoules,
    long measuredMillis,
    long unmeasuredMillis,
    long measuredStartMillis,
    long measuredEndMillis,
    int counterAnomalies) {

  public SlotEnergy {
    if (slotEndMillis <= slotStartMillis) {
      throw new IllegalArgumentException("empty slot " + slotStartMillis + ".." + slotEndMillis);
    }
    if (!(energyJoules >= 0) || Double.isInfinite(energyJoules)) {
      throw new IllegalArgumentException("energyJoules must be finite and >= 0: " + energyJoules);
    }
    if (measuredStartMillis > measuredEndMillis
        || measuredStartMillis < slotStartMillis
        || measuredEndMillis > slotEndMillis) {
      throw new IllegalArgumentException("measured span outside the slot");
    }
  }

  /** A slot measured over its whole length, as tests and replays build them. */
  public static SlotEnergy fullyMeasured(
      final String gpuId,
      final long slotStartMillis,
      final long slotEndMillis,
      final double energyJoules) {
    final long length = slotEndMillis - slotStartMillis;
    return new SlotEnergy(
        gpuId,
        slotStartMillis,
        slotEndMillis,
        energyJoules,
        length,
        0,
        slotStartMillis,
        slotEndMillis,
        0);
  }

  public long slotMillis() {
    return slotEndMillis - slotStartMillis;
  }

  /** Whether no time of the slot could be measured (nothing to attribute; estimate instead). */
  public boolean isUnmeasured() {
    return measuredMillis == 0;
  }

  public boolean isFullyMeasured() {
    return unmeasuredMillis == 0;
  }

  /** Mean power over the measured time, watts (0 when unmeasured). */
  public double meanPowerWatts() {
    return measuredMillis == 0 ? 0.0 : energyJoules * 1000.0 / measuredMillis;
  }
}
