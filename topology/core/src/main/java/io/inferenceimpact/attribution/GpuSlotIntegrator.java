package io.inferenceimpact.attribution;

import io.inferenceimpact.attribution.SampleOutcome.RejectReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the time-ordered power samples of ONE GPU into measured energy per epoch-aligned slot,
 * incrementally and with bounded state ({@link IntegratorState}: last sample, one open slot).
 *
 * <p>Energy of the interval between two consecutive samples:
 *
 * <ul>
 *   <li>both carry the cumulative counter and it did not drop: the counter delta (mJ → J);
 *   <li>the counter dropped (driver reload/reset), or its delta implies a mean power above {@link
 *       IntegratorConfig#maxPlausiblePowerWatts()}: the trapezoid of the two power readings. The
 *       post-reset counter value only covers the unknown part of the interval after the reload,
 *       while the trapezoid covers all of it from the same two samples; either way the energy is
 *       never negative. The new counter value becomes the baseline for the next delta. The slot
 *       counts the event in {@link SlotEnergy#counterAnomalies()};
 *   <li>no counter on either side: the trapezoid {@code (p1 + p2) / 2 × Δt};
 *   <li>the samples are more than {@link IntegratorConfig#maxGapMillis()} apart: nothing; the
 *       stretch is UNMEASURED time.
 * </ul>
 *
 * Each interval clipped to a slot becomes one of the slot's {@link SlotEnergy.Piece}s, with the
 * power at its ends. An interval crossing slot boundaries is cut along its linear power shape (the
 * line between its two readings, scaled to the interval's energy); the last piece gets the
 * remainder so that the pieces add up to the interval's energy.
 *
 * <p>A slot is completed (returned) once the timeline is accounted for up to its end, i.e. by the
 * first sample at or after its end, or by {@link #flush(long)}. Samples at the same time as the
 * last one are DUPLICATE, older ones OUT_OF_ORDER: refused deterministically, state unchanged.
 */
public final class GpuSlotIntegrator {

  private final String gpuId;
  private final IntegratorConfig config;
  private GpuSample lastSample;
  private long coveredUpToMillis;
  private OpenSlot openSlot;

  public GpuSlotIntegrator(final String gpuId, final IntegratorConfig config) {
    this(gpuId, config, IntegratorState.EMPTY);
  }

  /** Rebuilds an integrator from a stored state. */
  public GpuSlotIntegrator(
      final String gpuId, final IntegratorConfig config, final IntegratorState state) {
    this.gpuId = gpuId;
    this.config = config;
    this.lastSample = state.lastSample();
    this.coveredUpToMillis = state.coveredUpToMillis();
    this.openSlot = state.openSlot();
  }

  /** The state to store after a call. */
  public IntegratorState state() {
    return new IntegratorState(lastSample, coveredUpToMillis, openSlot);
  }

  /** Integrates one sample; returns the slots it completed, or why it was refused. */
  public SampleOutcome accept(final GpuSample sample) {
    if (!sample.isValid()) {
      return SampleOutcome.rejected(RejectReason.INVALID);
    }
    final long timeMillis = sample.timeMillis();
    final List<SlotEnergy> completed = new ArrayList<>();
    if (lastSample == null) {
      openSlot = OpenSlot.empty(config.slotStartOf(timeMillis));
      coveredUpToMillis = openSlot.slotStartMillis();
      advanceUnmeasured(timeMillis, completed);
      lastSample = sample;
      return SampleOutcome.accepted(completed);
    }
    if (timeMillis == lastSample.timeMillis()) {
      return SampleOutcome.rejected(RejectReason.DUPLICATE);
    }
    if (timeMillis < lastSample.timeMillis()) {
      return SampleOutcome.rejected(RejectReason.OUT_OF_ORDER);
    }
    if (timeMillis < coveredUpToMillis) {
      return SampleOutcome.rejected(RejectReason.BEFORE_FLUSHED);
    }
    final long intervalMillis = timeMillis - lastSample.timeMillis();
    if (intervalMillis > config.maxGapMillis()) {
      advanceUnmeasured(timeMillis, completed);
    } else {
      final boolean counterUsable = counterDeltaUsable(lastSample, sample, intervalMillis);
      final boolean anomaly = lastSample.hasCounter() && sample.hasCounter() && !counterUsable;
      final double intervalJoules =
          counterUsable
              ? (sample.energyMillijoules() - lastSample.energyMillijoules()) / 1000.0
              : trapezoidJoules(lastSample, sample, intervalMillis);
      advanceMeasured(lastSample, sample, intervalJoules, anomaly, completed);
    }
    lastSample = sample;
    return SampleOutcome.accepted(completed);
  }

  /**
   * Declares that no sample older than {@code upToMillis} will be accepted any more, and closes
   * every slot that ends at or before it; time after the last sample up to there is UNMEASURED.
   * Exact (the same slots as a later sample would produce) when {@code upToMillis -
   * lastSample.time} exceeds the gap limit, which is how the stream stage's punctuator should call
   * it. A no-op before the first sample or for a time already accounted for.
   */
  public List<SlotEnergy> flush(final long upToMillis) {
    final List<SlotEnergy> completed = new ArrayList<>();
    if (lastSample != null && upToMillis > coveredUpToMillis) {
      advanceUnmeasured(upToMillis, completed);
    }
    return completed;
  }

  private boolean counterDeltaUsable(
      final GpuSample from, final GpuSample to, final long intervalMillis) {
    if (!from.hasCounter() || !to.hasCounter()) {
      return false;
    }
    final long deltaMillijoules = to.energyMillijoules() - from.energyMillijoules();
    // mJ per ms is J per s, i.e. watts.
    return deltaMillijoules >= 0
        && (double) deltaMillijoules / intervalMillis <= config.maxPlausiblePowerWatts();
  }

  private static double trapezoidJoules(
      final GpuSample from, final GpuSample to, final long intervalMillis) {
    return (from.powerWatts() + to.powerWatts()) / 2.0 * intervalMillis / 1000.0;
  }

  /** Accounts for {@code [coveredUpToMillis, toMillis)} as unmeasured time. */
  private void advanceUnmeasured(final long toMillis, final List<SlotEnergy> completed) {
    long cursor = coveredUpToMillis;
    while (cursor < toMillis) {
      final long slotEnd = openSlot.slotStartMillis() + config.slotMillis();
      final long pieceEnd = Math.min(toMillis, slotEnd);
      openSlot = openSlot.plusUnmeasured(pieceEnd - cursor);
      cursor = closeIfEnded(pieceEnd, slotEnd, completed);
    }
    coveredUpToMillis = Math.max(coveredUpToMillis, toMillis);
  }

  /**
   * Accounts for the part of the interval {@code from → to} not yet covered (all of it unless a
   * flush closed its start) as measured, cutting it at slot ends along the linear power shape; the
   * last piece gets the remainder so that the pieces add up to the interval's (remaining) energy.
   */
  private void advanceMeasured(
      final GpuSample from,
      final GpuSample to,
      final double intervalJoules,
      final boolean anomaly,
      final List<SlotEnergy> completed) {
    final long startMillis = from.timeMillis();
    final long endMillis = to.timeMillis();
    final double startWatts = from.powerWatts();
    final double endWatts = to.powerWatts();
    final double joules =
        coveredUpToMillis == startMillis
            ? intervalJoules
            : intervalJoules
                * LinearPower.fraction(
                    startMillis, endMillis, startWatts, endWatts, coveredUpToMillis, endMillis);
    double remainingJoules = joules;
    long cursor = coveredUpToMillis;
    while (cursor < endMillis) {
      final long slotEnd = openSlot.slotStartMillis() + config.slotMillis();
      final long pieceEnd = Math.min(endMillis, slotEnd);
      final double piece =
          pieceEnd == endMillis
              ? remainingJoules
              : Math.min(
                  remainingJoules,
                  intervalJoules
                      * LinearPower.fraction(
                          startMillis, endMillis, startWatts, endWatts, cursor, pieceEnd));
      remainingJoules -= piece;
      openSlot =
          openSlot.plusMeasured(
              cursor,
              pieceEnd,
              piece,
              LinearPower.wattsAt(startMillis, endMillis, startWatts, endWatts, cursor),
              LinearPower.wattsAt(startMillis, endMillis, startWatts, endWatts, pieceEnd));
      if (anomaly && pieceEnd == endMillis) {
        openSlot = openSlot.plusAnomaly();
      }
      cursor = closeIfEnded(pieceEnd, slotEnd, completed);
    }
    coveredUpToMillis = Math.max(coveredUpToMillis, endMillis);
  }

  /** Closes the open slot when {@code pieceEnd} reached its end; returns {@code pieceEnd}. */
  private long closeIfEnded(
      final long pieceEnd, final long slotEnd, final List<SlotEnergy> completed) {
    if (pieceEnd == slotEnd) {
      completed.add(openSlot.close(gpuId, config.slotMillis()));
      openSlot = OpenSlot.empty(slotEnd);
    }
    return pieceEnd;
  }
}
