package io.inferenceimpact.attribution;

import java.util.List;

/**
 * What {@link GpuSlotIntegrator} did with a sample: the slots it completed, or why it refused the
 * sample. A refused sample changes no state; the caller counts it or sends it to the DLQ.
 *
 * @param completedSlots slots closed by this call, in time order (empty when refused)
 * @param rejectReason {@code null} when the sample was accepted
 */
public record SampleOutcome(List<SlotEnergy> completedSlots, RejectReason rejectReason) {

  /** Why a sample was not integrated. */
  public enum RejectReason {
    /** Same timestamp as the last accepted sample (the first one wins). */
    DUPLICATE,
    /** Older than the last accepted sample. */
    OUT_OF_ORDER,
    /** Not older than the last sample, but before the time already closed by {@code flush}. */
    BEFORE_FLUSHED,
    /** NaN, infinite or negative power, or a negative counter. */
    INVALID
  }

  public SampleOutcome {
    completedSlots = List.copyOf(completedSlots);
  }

  static SampleOutcome accepted(final List<SlotEnergy> completedSlots) {
    return new SampleOutcome(completedSlots, null);
  }

  static SampleOutcome rejected(final RejectReason reason) {
    return new SampleOutcome(List.of(), reason);
  }

  public boolean isAccepted() {
    return rejectReason == null;
  }
}
