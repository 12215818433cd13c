package io.inferenceimpact.bench.live;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of values (each counted once per occurrence). */
public final class Percentiles {
  private final long[] sorted;

  private Percentiles(final long[] sorted) {
    this.sorted = sorted;
  }

  public static Percentiles of(final long[] values) {
    final long[] copy = values.clone();
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  public int count() {
    return sorted.length;
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code p} percent of the values
   * at or below it.
   *
   * @throws IllegalStateException when there are no values
   */
  public long percentile(final double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    if (sorted.length == 0) {
      throw new IllegalStateException("no values");
    }
    final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  public long max() {
    if (sorted.length == 0) {
      throw new IllegalStateException("no values");
    }
    return sorted[sorted.length - 1];
  }
}
