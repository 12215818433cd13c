package io.inferenceimpact.attribution;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one slot a {@link GpuSlotIntegrator} still accumulates: what is known of it so far, with the
 * measured pieces as parallel arrays (times as offsets from the slot start, as in {@link
 * SlotEnergy}). Immutable, so that a state store can hold it as a value. A stored value without
 * pieces (written before they existed) gets one piece of constant power over its measured hull.
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
 * @param pieceStarts piece starts, millis after the slot start
 * @param pieceEnds piece ends, millis after the slot start
 * @param pieceJoules piece energies, joules
 * @param pieceStartWatts power at each piece's start
 * @param pieceEndWatts power at each piece's end
 */
public record OpenSlot(
    long slotStartMillis,
    double energyJoules,
    long measuredMillis,
    long unmeasuredMillis,
    long measuredStartMillis,
    long measuredEndMillis,
    int counterAnomalies,
    long[] pieceStarts,
    long[] pieceEnds,
    double[] pieceJoules,
    double[] pieceStartWatts,
    double[] pieceEndWatts) {

  public OpenSlot {
    if (pieceStarts == null
        || pieceEnds == null
        || pieceJoules == null
        || pieceStartWatts == null
        || pieceEndWatts == null) {
      final HullPiece piece =
          HullPiece.of(
              slotStartMillis,
              measuredStartMillis,
              measuredEndMillis,
              energyJoules,
              measuredMillis > 0);
      pieceStarts = piece.starts();
      pieceEnds = piece.ends();
      pieceJoules = piece.joules();
      pieceStartWatts = piece.startWatts();
      pieceEndWatts = piece.endWatts();
    }
  }

  static OpenSlot empty(final long slotStartMillis) {
    return new OpenSlot(
        slotStartMillis,
        0.0,
        0,
        0,
        slotStartMillis,
        slotStartMillis,
        0,
        new long[0],
        new long[0],
        new double[0],
        new double[0],
        new double[0]);
  }

  /** This slot with the measured piece {@code [fromMillis, toMillis)} appended. */
  OpenSlot plusMeasured(
      final long fromMillis,
      final long toMillis,
      final double joules,
      final double fromWatts,
      final double toWatts) {
    final long start = measuredMillis == 0 ? fromMillis : measuredStartMillis;
    final int count = pieceStarts.length;
    final long[] starts = Arrays.copyOf(pieceStarts, count + 1);
    final long[] ends = Arrays.copyOf(pieceEnds, count + 1);
    final double[] energies = Arrays.copyOf(pieceJoules, count + 1);
    final double[] startWatts = Arrays.copyOf(pieceStartWatts, count + 1);
    final double[] endWatts = Arrays.copyOf(pieceEndWatts, count + 1);
    starts[count] = fromMillis - slotStartMillis;
    ends[count] = toMillis - slotStartMillis;
    energies[count] = joules;
    startWatts[count] = fromWatts;
    endWatts[count] = toWatts;
    return new OpenSlot(
        slotStartMillis,
        energyJoules + joules,
        measuredMillis + (toMillis - fromMillis),
        unmeasuredMillis,
        start,
        toMillis,
        counterAnomalies,
        starts,
        ends,
        energies,
        startWatts,
        endWatts);
  }

  OpenSlot plusUnmeasured(final long millis) {
    return new OpenSlot(
        slotStartMillis,
        energyJoules,
        measuredMillis,
        unmeasuredMillis + millis,
        measuredStartMillis,
        measuredEndMillis,
        counterAnomalies,
        pieceStarts,
        pieceEnds,
        pieceJoules,
        pieceStartWatts,
        pieceEndWatts);
  }

  OpenSlot plusAnomaly() {
    return new OpenSlot(
        slotStartMillis,
        energyJoules,
        measuredMillis,
        unmeasuredMillis,
        measuredStartMillis,
        measuredEndMillis,
        counterAnomalies + 1,
        pieceStarts,
        pieceEnds,
        pieceJoules,
        pieceStartWatts,
        pieceEndWatts);
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
        counterAnomalies,
        pieceStarts,
        pieceEnds,
        pieceJoules,
        pieceStartWatts,
        pieceEndWatts);
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof OpenSlot that
        && slotStartMillis == that.slotStartMillis
        && Double.compare(energyJoules, that.energyJoules) == 0
        && measuredMillis == that.measuredMillis
        && unmeasuredMillis == that.unmeasuredMillis
        && measuredStartMillis == that.measuredStartMillis
        && measuredEndMillis == that.measuredEndMillis
        && counterAnomalies == that.counterAnomalies
        && Arrays.deepEquals(pieces(), that.pieces());
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(slotStartMillis, energyJoules, measuredMillis, counterAnomalies)
        + Arrays.deepHashCode(pieces());
  }

  /** The piece arrays, for equality and hashing (records compare arrays by identity). */
  private Object[] pieces() {
    return new Object[] {pieceStarts, pieceEnds, pieceJoules, pieceStartWatts, pieceEndWatts};
  }

  @Override
  public String toString() {
    return "OpenSlot[slotStartMillis="
        + slotStartMillis
        + ", energyJoules="
        + energyJoules
        + ", measuredMillis="
        + measuredMillis
        + ", unmeasuredMillis="
        + unmeasuredMillis
        + ", counterAnomalies="
        + counterAnomalies
        + ", pieceStarts="
        + Arrays.toString(pieceStarts)
        + ", pieceEnds="
        + Arrays.toString(pieceEnds)
        + ", pieceJoules="
        + Arrays.toString(pieceJoules)
        + "]";
  }
}
