package io.inferenceimpact.bench.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When a baseline saw its first input record and when it had handled the expected number, with the
 * process CPU time at both moments: its processing time without the start-up of the JVM and the
 * clients. Updated by the processing thread, read by the command thread.
 */
final class Progress {
  private final long expected;
  private final long cpuAtStart;
  private final AtomicLong handled = new AtomicLong();
  private volatile long firstMillis = -1;
  private volatile long firstCpuNanos = -1;
  private volatile long doneMillis = -1;
  private volatile long doneCpuNanos = -1;

  /**
   * @param expected input records in the backlog
   * @param cpuAtStart process CPU time when the workload started, subtracted from both marks
   */
  Progress(final long expected, final long cpuAtStart) {
    this.expected = expected;
    this.cpuAtStart = cpuAtStart;
  }

  /** Counts {@code records} handled now. */
  void handled(final long records) {
    if (records <= 0) {
      return;
    }
    if (firstMillis < 0) {
      firstCpuNanos = ChildSide.processCpuNanos() - cpuAtStart;
      firstMillis = System.currentTimeMillis();
    }
    final long total = handled.addAndGet(records);
    if (total >= expected && doneMillis < 0) {
      doneCpuNanos = ChildSide.processCpuNanos() - cpuAtStart;
      doneMillis = System.currentTimeMillis();
    }
  }

  long handled() {
    return handled.get();
  }

  /** {@code firstMillis firstCpuNanos doneMillis doneCpuNanos}, -1 for what did not happen yet. */
  String marks() {
    return firstMillis + " " + firstCpuNanos + " " + doneMillis + " " + doneCpuNanos;
  }
}
