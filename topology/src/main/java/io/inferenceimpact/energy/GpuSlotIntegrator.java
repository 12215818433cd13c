package io.inferenceimpact.energy;

import io.inferenceimpact.energy.SampleOutcome.RejectReason;
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
 * An interval crossing slot boundaries is split in proportion to time; the last piece gets the
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
      advance(timeMillis, 0.0, false, false, completed);
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
      advance(timeMillis, 0.0, false, false, completed);
    } else {
      final boolean counterUsable = counterDeltaUsable(lastSample, sample, intervalMillis);
      final boolean anomaly = lastSample.hasCounter() && sample.hasCounter() && !counterUsable;
      final double intervalJoules =
          counterUsable
              ? (sample.energyMillijoules() - lastSample.energyMillijoules()) / 1000.0
              : trapezoidJoules(lastSample, sample, intervalMillis);
      // After a flush, the start of the interval is already accounted for (as unmeasured).
      final long remainingMillis = timeMillis - coveredUpToMillis;
      final double joules =
          remainingMillis == intervalMillis
              ? intervalJoules
              : intervalJoules * remainingMillis / intervalMillis;
      advance(timeMillis, joules, true, anomaly, completed);
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
      advance(upToMillis, 0.0, false, false, completed);
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

  /** Accounts for {@code [coveredUpToMillis, toMillis)}, spreading {@code joules} by time. */
  private void advance(
      final long toMillis,
      final double joules,
      final boolean measured,
      final boolean anomaly,
      final List<SlotEnergy> completed) {
    final long totalMillis = toMillis - coveredUpToMillis;
    double remainingJoules = joules;
    long cursor = coveredUpToMillis;
    while (cursor < toMillis) {
      final long slotEnd = openSlot.slotStartMillis() + config.slotMillis();
      final long pieceEnd = Math.min(toMillis, slotEnd);
      final double piece =
          pieceEnd == toMillis
              ? remainingJoules
              : Math.min(remainingJoules, joules * (pieceEnd - cursor) / totalMillis);
      remainingJoules -= piece;
      openSlot =
          measured
              ? openSlot.plusMeasured(cursor, pieceEnd, piece)
              : openSlot.plusUnmeasured(pieceEnd - cursor);
      if (anomaly && pieceEnd == toMillis) {
        openSlot = openSlot.plusAnomaly();
      }
      if (pieceEnd == slotEnd) {
        completed.add(openSlot.close(gpuId, config.slotMillis()));
        openSlot = OpenSlot.empty(slotEnd);
      }
      cursor = pieceEnd;
    }
    coveredUpToMillis = Math.max(coveredUpToMillis, toMillis);
  }
}
