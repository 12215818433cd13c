package io.inferenceimpact.attribution;

/**
 * The pieces of a slot known by its totals only: one piece of constant power over the measured
 * hull, or none when nothing was measured. Shared by {@link OpenSlot} and {@link SlotEnergy}.
 */
record HullPiece(
    long[] starts, long[] ends, double[] joules, double[] startWatts, double[] endWatts) {

  static HullPiece of(
      final long slotStartMillis,
      final long measuredStartMillis,
      final long measuredEndMillis,
      final double energyJoules,
      final boolean measured) {
    final long hull = measuredEndMillis - measuredStartMillis;
    if (!measured || hull <= 0) {
      return new HullPiece(new long[0], new long[0], new double[0], new double[0], new double[0]);
    }
    final double watts = energyJoules * 1000.0 / hull;
    return new HullPiece(
        new long[] {measuredStartMillis - slotStartMillis},
        new long[] {measuredEndMillis - slotStartMillis},
        new double[] {energyJoules},
        new double[] {watts},
        new double[] {watts});
  }
}
