package io.inferenceimpact.attribution;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measured energy of one GPU during one slot {@code [slotStartMillis, slotEndMillis)}, with the
 * measured pieces it is made of.
 *
 * <p>{@code measuredMillis + unmeasuredMillis == slotEndMillis - slotStartMillis} for every slot
 * the integrator emits. Energy belongs to the measured time only; unmeasured time (gaps in
 * telemetry, before the first sample, after a flush) carries none and is left to the estimated
 * path. {@code [measuredStartMillis, measuredEndMillis)} is the hull of the measured time in the
 * slot.
 *
 * <p>Pieces. Each sample interval clipped to the slot is one {@link Piece}: its start, end, energy
 * (the interval's counter delta, else its trapezoid, cut at the slot's edges along the power shape)
 * and the power at its two ends (the readings, or the line between them at a cut). Inside a piece,
 * energy follows that linear power shape, scaled so that the piece holds exactly its energy; see
 * {@link Piece#joulesBetween}. Pieces are in time order and do not overlap; unmeasured stretches
 * have none. They are stored as parallel arrays (times as offsets from the slot start) to keep the
 * stored form small; a value without them (stored before they existed, or built by the
 * nine-argument constructor) gets one piece of constant power over the measured hull.
 *
 * @param gpuId GPU UUID
 * @param slotStartMillis slot start, epoch millis, inclusive
 * @param slotEndMillis slot end, exclusive
 * @param energyJoules energy measured in the slot, joules, never negative; the sum of the pieces
 * @param measuredMillis time of the slot covered by integrable samples
 * @param unmeasuredMillis time of the slot not covered
 * @param measuredStartMillis first measured instant (slot start when nothing is measured)
 * @param measuredEndMillis end of the last measured stretch (slot start when nothing is measured)
 * @param counterAnomalies counter resets or implausible jumps handled in this slot
 * @param pieceStarts piece starts, millis after the slot start
 * @param pieceEnds piece ends, millis after the slot start
 * @param pieceJoules piece energies, joules
 * @param pieceStartWatts power at each piece's start, watts
 * @param pieceEndWatts power at each piece's end, watts
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
    int counterAnomalies,
    long[] pieceStarts,
    long[] pieceEnds,
    double[] pieceJoules,
    double[] pieceStartWatts,
    double[] pieceEndWatts) {

  /** Relative tolerance between the energy and the sum of the pieces (rounding only). */
  private static final double SUM_TOLERANCE = 1e-9;

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
    if (pieceStarts == null
        && pieceEnds == null
        && pieceJoules == null
        && pieceStartWatts == null
        && pieceEndWatts == null) {
      final HullPiece piece =
          HullPiece.of(slotStartMillis, measuredStartMillis, measuredEndMillis, energyJoules, true);
      pieceStarts = piece.starts();
      pieceEnds = piece.ends();
      pieceJoules = piece.joules();
      pieceStartWatts = piece.startWatts();
      pieceEndWatts = piece.endWatts();
    } else {
      if (pieceStarts == null
          || pieceEnds == null
          || pieceJoules == null
          || pieceStartWatts == null
          || pieceEndWatts == null) {
        throw new IllegalArgumentException("slot pieces: all five arrays or none");
      }
      pieceStarts = pieceStarts.clone();
      pieceEnds = pieceEnds.clone();
      pieceJoules = pieceJoules.clone();
      pieceStartWatts = pieceStartWatts.clone();
      pieceEndWatts = pieceEndWatts.clone();
      checkPieces(
          slotEndMillis - slotStartMillis,
          energyJoules,
          pieceStarts,
          pieceEnds,
          pieceJoules,
          pieceStartWatts,
          pieceEndWatts);
    }
  }

  /** A slot known by its totals only: one piece of constant power over the measured hull. */
  public SlotEnergy(
      final String gpuId,
      final long slotStartMillis,
      final long slotEndMillis,
      final double energyJoules,
      final long measuredMillis,
      final long unmeasuredMillis,
      final long measuredStartMillis,
      final long measuredEndMillis,
      final int counterAnomalies) {
    this(
        gpuId,
        slotStartMillis,
        slotEndMillis,
        energyJoules,
        measuredMillis,
        unmeasuredMillis,
        measuredStartMillis,
        measuredEndMillis,
        counterAnomalies,
        null,
        null,
        null,
        null,
        null);
  }

  /** A slot measured over its whole length at constant power, as tests and replays build them. */
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

  /**
   * A slot made of the given pieces (absolute times, in order, inside the slot); the energy, the
   * measured time and its hull are derived from them.
   */
  public static SlotEnergy ofPieces(
      final String gpuId,
      final long slotStartMillis,
      final long slotEndMillis,
      final List<Piece> pieces,
      final int counterAnomalies) {
    final int count = pieces.size();
    final long[] starts = new long[count];
    final long[] ends = new long[count];
    final double[] joules = new double[count];
    final double[] startWatts = new double[count];
    final double[] endWatts = new double[count];
    double energy = 0.0;
    long measured = 0;
    for (int i = 0; i < count; i++) {
      final Piece piece = pieces.get(i);
      starts[i] = piece.startMillis() - slotStartMillis;
      ends[i] = piece.endMillis() - slotStartMillis;
      joules[i] = piece.joules();
      startWatts[i] = piece.startWatts();
      endWatts[i] = piece.endWatts();
      energy += piece.joules();
      measured += piece.endMillis() - piece.startMillis();
    }
    return new SlotEnergy(
        gpuId,
        slotStartMillis,
        slotEndMillis,
        energy,
        measured,
        slotEndMillis - slotStartMillis - measured,
        count == 0 ? slotStartMillis : pieces.get(0).startMillis(),
        count == 0 ? slotStartMillis : pieces.get(count - 1).endMillis(),
        counterAnomalies,
        starts,
        ends,
        joules,
        startWatts,
        endWatts);
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

  /** Number of measured pieces. */
  public int pieceCount() {
    return pieceStarts.length;
  }

  /** The {@code index}-th measured piece, with absolute times. */
  public Piece piece(final int index) {
    return new Piece(
        slotStartMillis + pieceStarts[index],
        slotStartMillis + pieceEnds[index],
        pieceJoules[index],
        pieceStartWatts[index],
        pieceEndWatts[index]);
  }

  @Override
  public long[] pieceStarts() {
    return pieceStarts.clone();
  }

  @Override
  public long[] pieceEnds() {
    return pieceEnds.clone();
  }

  @Override
  public double[] pieceJoules() {
    return pieceJoules.clone();
  }

  @Override
  public double[] pieceStartWatts() {
    return pieceStartWatts.clone();
  }

  @Override
  public double[] pieceEndWatts() {
    return pieceEndWatts.clone();
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof SlotEnergy that
        && gpuId.equals(that.gpuId)
        && slotStartMillis == that.slotStartMillis
        && slotEndMillis == that.slotEndMillis
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
    return 31 * Objects.hash(gpuId, slotStartMillis, energyJoules, measuredMillis)
        + Arrays.deepHashCode(pieces());
  }

  /** The piece arrays, for equality and hashing (records compare arrays by identity). */
  private Object[] pieces() {
    return new Object[] {pieceStarts, pieceEnds, pieceJoules, pieceStartWatts, pieceEndWatts};
  }

  @Override
  public String toString() {
    return "SlotEnergy[gpuId="
        + gpuId
        + ", slot="
        + slotStartMillis
        + ".."
        + slotEndMillis
        + ", energyJoules="
        + energyJoules
        + ", measuredMillis="
        + measuredMillis
        + ", unmeasuredMillis="
        + unmeasuredMillis
        + ", measured="
        + measuredStartMillis
        + ".."
        + measuredEndMillis
        + ", counterAnomalies="
        + counterAnomalies
        + ", pieceStarts="
        + Arrays.toString(pieceStarts)
        + ", pieceEnds="
        + Arrays.toString(pieceEnds)
        + ", pieceJoules="
        + Arrays.toString(pieceJoules)
        + ", pieceStartWatts="
        + Arrays.toString(pieceStartWatts)
        + ", pieceEndWatts="
        + Arrays.toString(pieceEndWatts)
        + "]";
  }

  private static void checkPieces(
      final long slotMillis,
      final double energyJoules,
      final long[] starts,
      final long[] ends,
      final double[] joules,
      final double[] startWatts,
      final double[] endWatts) {
    final int count = starts.length;
    if (ends.length != count
        || joules.length != count
        || startWatts.length != count
        || endWatts.length != count) {
      throw new IllegalArgumentException("slot pieces: arrays of different lengths");
    }
    long previousEnd = 0;
    double sum = 0.0;
    for (int i = 0; i < count; i++) {
      if (starts[i] < previousEnd || ends[i] <= starts[i] || ends[i] > slotMillis) {
        throw new IllegalArgumentException(
            "slot piece " + i + " [" + starts[i] + ", " + ends[i] + ") out of order or place");
      }
      if (!isNonNegative(joules[i])
          || !isNonNegative(startWatts[i])
          || !isNonNegative(endWatts[i])) {
        throw new IllegalArgumentException(
            "slot piece " + i + ": energy and power must be finite and >= 0");
      }
      previousEnd = ends[i];
      sum += joules[i];
    }
    if (count > 0 && Math.abs(sum - energyJoules) > SUM_TOLERANCE * Math.max(1.0, energyJoules)) {
      throw new IllegalArgumentException(
          "slot pieces hold " + sum + " J but the slot " + energyJoules + " J");
    }
  }

  private static boolean isNonNegative(final double value) {
    return value >= 0 && !Double.isInfinite(value);
  }

  /**
   * One measured piece of a slot: a sample interval clipped to the slot.
   *
   * @param startMillis piece start, epoch millis
   * @param endMillis piece end, epoch millis, {@code > startMillis}
   * @param joules the piece's measured energy
   * @param startWatts power at the start (the shape only: the energy is {@code joules})
   * @param endWatts power at the end
   */
  public record Piece(
      long startMillis, long endMillis, double joules, double startWatts, double endWatts) {

    public Piece {
      if (endMillis <= startMillis) {
        throw new IllegalArgumentException("empty piece " + startMillis + ".." + endMillis);
      }
      if (!isNonNegative(joules) || !isNonNegative(startWatts) || !isNonNegative(endWatts)) {
        throw new IllegalArgumentException("piece energy and power must be finite and >= 0");
      }
    }

    /** A piece at constant power. */
    public static Piece flat(final long startMillis, final long endMillis, final double joules) {
      final double watts = joules * 1000.0 / (endMillis - startMillis);
      return new Piece(startMillis, endMillis, joules, watts, watts);
    }

    /**
     * The energy of {@code [fromMillis, toMillis)} (inside the piece) along the linear power shape:
     * {@code joules × ∫p / ∫p over the piece}; evenly by time when both powers are 0.
     */
    public double joulesBetween(final long fromMillis, final long toMillis) {
      return joules
          * LinearPower.fraction(
              startMillis, endMillis, startWatts, endWatts, fromMillis, toMillis);
    }
  }
}
