package io.inferenceimpact.energy;

/**
 * The one slot a {@link GpuSlotIntegrator} still accumulates: what is known of it so far.
 * Immutable, so that a state store can hold it as a value.
 *
 * @param slotStartMillis slot start, epoch millis
 * @param energyJoules energy accumulated so far
 * @param measuredMillis measured time accumulated so far
 * @param unmeasuredMillis unmeasured time accumulated so far
 * @param measuredStartMillis start of the first measured stretch (meaningless while measuredMillis
 *     == 0)
 * @param measuredEndMillis end of the latest measured stretch (meaningless while measuredMillis ==
 *     0)
 * @param counterAnomalies counter resets or implausible jumps seen in this slot
 */
public record OpenSlot(
    long slotStartMillis,
    double energyJoules,
    long measuredMillis,
    long unmeasuredMillis,
    long measuredStartMillis,
    long measuredEndMillis,
    int counterAnomalies) {

  static OpenSlot empty(final long slotStartMillis) {
    return new OpenSlot(slotStartMillis, 0.0, 0, 0, slotStartMillis, slotStartMillis, 0);
  }

  OpenSlot plusMeasured(final long fromMillis, final long toMillis, final double joules) {
    final long start = measuredMillis == 0 ? fromMillis : measuredStartMillis;
    return new OpenSlot(
        slotStartMillis,
        energyJoules + joules,
        measuredMillis + (toMillis - fromMillis),
        unmeasuredMillis,
        start,
        toMillis,
        counterAnomalies);
  }

  OpenSlot plusUnmeasured(final long millis) {
    return new OpenSlot(
        slotStartMillis,
        energyJoules,
        measuredMillis,
        unmeasuredMillis + millis,
        measuredStartMillis,
        measuredEndMillis,
        counterAnomalies);
  }

  OpenSlot plusAnomaly() {
    return new OpenSlot(
        slotStartMillis,
        energyJoules,
        measuredMillis,
        unmeasuredMillis,
        measuredStartMillis,
        measuredEndMillis,
        counterAnomalies + 1);
  }

  SlotEnergy close(final String gpuId, final long slotMillis) {
    final boolean any = measuredMillis > 0;
    return new SlotEnergy(
        gpuId,
        slotStartMillis,
        slotStartMillis + slotMillis,
        energyJoules,
        measuredMillis,
        unmeasuredMillis,
        any ? measuredStartMillis : slotStartMillis,
        any ? measuredEndMillis : slotStartMillis,
        counterAnomalies);
  }
}
