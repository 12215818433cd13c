package io.inferenceimpact.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Interval arithmetic for attribution: which parts of a span no request covers. */
final class Coverage {

  private Coverage() {}

  /**
   * The stretches {@code [from, to)} of {@code [spanStart, spanEnd)} covered by no request, in time
   * order.
   */
  static List<long[]> uncoveredStretches(
      final List<ActiveRequest> requests, final long spanStart, final long spanEnd) {
    final List<long[]> clipped = new ArrayList<>();
    for (final ActiveRequest request : requests) {
      final long from = Math.max(request.startMillis(), spanStart);
      final long to = Math.min(request.endMillis(), spanEnd);
      if (to > from) {
        clipped.add(new long[] {from, to});
      }
    }
    clipped.sort(Comparator.comparingLong(interval -> interval[0]));
    final List<long[]> uncovered = new ArrayList<>();
    long cursor = spanStart;
    for (final long[] interval : clipped) {
      if (interval[0] > cursor) {
        uncovered.add(new long[] {cursor, interval[0]});
      }
      cursor = Math.max(cursor, interval[1]);
    }
    if (cursor < spanEnd) {
      uncovered.add(new long[] {cursor, spanEnd});
    }
    return uncovered;
  }
}
