package io.inferenceimpact.replay;

import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.IngestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The inputs' own time range, which stands in for the wall clock of a live run: the largest run of
 * records (by count) in event-time order with no silence longer than {@link #MAX_GAP} between two
 * of them. A record outside it (a timestamp dated 2100, or a mis-scaled one from 1970) is judged by
 * the live limits taken relative to this range: it is piped without moving the replay's clock, so
 * that the topology's own validation sends it to the DLQ ({@code future-time} after the range,
 * {@code too-old} before it, see {@link #limit}), and the clock never has to cross decades.
 *
 * @param fromMillis the range's earliest event time
 * @param toMillis the range's latest event time
 */
record ReplayTimeRange(long fromMillis, long toMillis) {
  /**
   * Silence that separates the inputs' range from stray records: longer than any pause a trace of
   * one service would hold, far shorter than the decades of a wrong clock or unit.
   */
  static final Duration MAX_GAP = Duration.ofDays(30);

  /** The range of inputs merged in event-time order ({@link ReplayInputs#merge}). */
  static ReplayTimeRange of(final List<ReplayInput> merged) {
    if (merged.isEmpty()) {
      return new ReplayTimeRange(0L, 0L);
    }
    final long gap = MAX_GAP.toMillis();
    int bestStart = 0;
    int bestCount = 0;
    int runStart = 0;
    for (int i = 1; i <= merged.size(); i++) {
      final boolean runEnds =
          i == merged.size()
              || merged.get(i).eventTimeMillis() - merged.get(i - 1).eventTimeMillis() > gap;
      if (runEnds) {
        if (i - runStart > bestCount) {
          bestStart = runStart;
          bestCount = i - runStart;
        }
        runStart = i;
      }
    }
    return new ReplayTimeRange(
        merged.get(bestStart).eventTimeMillis(),
        merged.get(bestStart + bestCount - 1).eventTimeMillis());
  }

  boolean contains(final long timeMillis) {
    return timeMillis >= fromMillis && timeMillis <= toMillis;
  }

  /**
   * The configuration the replay runs with: {@code ingest.minEventTime} raised to {@link #MAX_GAP}
   * before the range (a request in the range may start before its first record), so that records
   * before the range go to the DLQ as {@code too-old}. Records after it are piped at the range's
   * end, where the live {@code ingest.maxFutureSkew} sends them to the DLQ as {@code future-time}.
   */
  ImpactConfig limit(final ImpactConfig config) {
    final IngestSettings ingest = config.ingest();
    final Instant earliest = Instant.ofEpochMilli(fromMillis - MAX_GAP.toMillis());
    if (!earliest.isAfter(ingest.minEventTime())) {
      return config;
    }
    return config.withIngest(
        new IngestSettings(
            ingest.maxFutureSkew(),
            earliest,
            ingest.maxTokens(),
            ingest.maxRequestDuration(),
            ingest.maxPowerWatts(),
            ingest.dedupWindow()));
  }
}
