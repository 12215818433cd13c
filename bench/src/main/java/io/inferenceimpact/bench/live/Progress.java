package io.inferenceimpact.bench.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When a baseline saw its first input record and when it had handled the expected number, with the
 * process CPU time at both moments: its processing time without the start-up of the JVM and the
 * clients. Updated by the processing thread, read by the command thread.
 */
final class Progress {
  private final long expected;
  private final AtomicLong handled = new AtomicLong();
  private volatile long firstMillis = -1;
  private volatile long firstCpuNanos = -1;
  private volatile long doneMillis = -1;
  private volatile long doneCpuNanos = -1;

  /**
   * @param expected input records in the backlog
   */
  Progress(final long expected) {
    this.expected = expected;
  }

  /** Marks the first input record seen now, unless one was seen before. */
  void seen() {
    if (firstMillis < 0) {
      firstCpuNanos = ChildSide.processCpuNanos();
      firstMillis = System.currentTimeMillis();
    }
  }

  /** Counts {@code records} handled now (the first of them also seen now, if not marked yet). */
  void handled(final long records) {
    if (records <= 0) {
      return;
    }
    seen();
    final long total = handled.addAndGet(records);
    if (total >= expected && doneMillis < 0) {
      doneCpuNanos = ChildSide.processCpuNanos();
      doneMillis = System.currentTimeMillis();
    }
  }

  long handled() {
    return handled.get();
  }

  /** True once the expected number of records was handled. */
  boolean done() {
    return doneMillis >= 0;
  }

  /**
   * {@code firstMillis firstCpuNanos doneMillis doneCpuNanos}, CPU times counted from {@code
   * cpuAtStart}; -1 for what did not happen yet.
   */
  String marks(final long cpuAtStart) {
    return firstMillis
        + " "
        + (firstCpuNanos < 0 ? -1 : firstCpuNanos - cpuAtStart)
        + " "
        + doneMillis
        + " "
        + (doneCpuNanos < 0 ? -1 : doneCpuNanos - cpuAtStart);
  }
}
