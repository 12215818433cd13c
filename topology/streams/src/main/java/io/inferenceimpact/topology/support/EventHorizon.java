package io.inferenceimpact.topology.support;

/**
 * The event time up to which a task may consider its data complete: its stream time, extrapolated
 * by the wall-clock time elapsed since stream time last moved. With steady input it is the stream
 * time; when input stops (quiet partition, end of a test) it keeps advancing in real time, so final
 * results still appear; in a fast backfill it follows the data, never the wall clock, so old events
 * are not declared late. Monotonic: a record that moves stream time to less than the horizon
 * already reached leaves the horizon where it was. In-memory: after a restart it starts again from
 * stream time (callers that must not reopen anything keep what they reached in a store).
 */
public final class EventHorizon {
  private long lastStreamMillis = Long.MIN_VALUE;
  private long wallAtLastAdvanceMillis;
  private long reachedMillis = Long.MIN_VALUE;

  /** The horizon at wall-clock {@code wallMillis} for the task's current stream time. */
  public long at(final long wallMillis, final long streamMillis) {
    if (streamMillis > lastStreamMillis) {
      lastStreamMillis = streamMillis;
      wallAtLastAdvanceMillis = wallMillis;
    }
    if (lastStreamMillis < 0) {
      return lastStreamMillis;
    }
    reachedMillis =
        Math.max(
            reachedMillis, lastStreamMillis + Math.max(0, wallMillis - wallAtLastAdvanceMillis));
    return reachedMillis;
  }
}
