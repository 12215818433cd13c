package io.inferenceimpact.attribution;

/**
 * Everything a {@link GpuSlotIntegrator} remembers about one GPU, so that the stream stage can keep
 * it in a key-value store (one entry per GPU) and rebuild the integrator for each record. Bounded:
 * one sample, one open slot and one timestamp.
 *
 * @param lastSample the last accepted sample, {@code null} before the first one
 * @param coveredUpToMillis the timeline is accounted for (measured or not) up to here
 * @param openSlot the slot containing {@code coveredUpToMillis}; {@code null} before the first
 *     sample
 */
public record IntegratorState(GpuSample lastSample, long coveredUpToMillis, OpenSlot openSlot) {

  /** The state of a GPU never seen. */
  public static final IntegratorState EMPTY = new IntegratorState(null, Long.MIN_VALUE, null);

  public boolean isEmpty() {
    return lastSample == null;
  }
}
