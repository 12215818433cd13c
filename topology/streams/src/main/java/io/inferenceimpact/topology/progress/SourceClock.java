package io.inferenceimpact.topology.progress;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reader side: the watermark of each source heard on a repartition topic (its highest stamp),
 * and their minimum, the event time up to which the reader has everything its writers will send on
 * time. Kept in memory and written to a changelogged store at {@link #flush()} (each punctuation),
 * so that a restarted or moved task remembers every source; a stored value lags the live one by at
 * most a punctuation, which only makes the reader wait a little longer.
 *
 * <p>Until the first {@link #DISCOVERY} of wall-clock time after a task without stored sources
 * started, the minimum is unknown ({@link Long#MIN_VALUE}): every writer marks each second from its
 * own start ({@link Long#MIN_VALUE} while it knows nothing yet, which keeps the minimum unknown),
 * so by then every writer of the topic has been heard.
 */
public final class SourceClock {
  public static final Duration DISCOVERY = Duration.ofSeconds(7);

  private final KeyValueStore<String, Long> store;
  private final Map<String, Long> watermarks = new HashMap<>();
  private final Map<String, Long> dirty = new HashMap<>();
  private final long trustFromWallMillis;

  /**
   * @param store this reader's source store
   * @param startWallMillis the task's wall clock at init
   */
  public SourceClock(final KeyValueStore<String, Long> store, final long startWallMillis) {
    this.store = store;
    try (KeyValueIterator<String, Long> all = store.all()) {
      all.forEachRemaining(entry -> watermarks.put(entry.key, entry.value));
    }
    this.trustFromWallMillis =
        watermarks.isEmpty() ? startWallMillis + DISCOVERY.toMillis() : Long.MIN_VALUE;
  }

  /** Records a stamp (a record's or a mark's). */
  public void observe(final Stamped<?> stamped) {
    final Long before = watermarks.get(stamped.source());
    if (before == null || stamped.watermarkMillis() > before) {
      watermarks.put(stamped.source(), stamped.watermarkMillis());
      dirty.put(stamped.source(), stamped.watermarkMillis());
    }
  }

  /** The minimum watermark over all sources, or {@link Long#MIN_VALUE} while unknown. */
  public long watermark(final long wallMillis) {
    if (watermarks.isEmpty() || wallMillis < trustFromWallMillis) {
      return Long.MIN_VALUE;
    }
    long min = Long.MAX_VALUE;
    for (final long watermark : watermarks.values()) {
      min = Math.min(min, watermark);
    }
    return min;
  }

  /** Writes the changed watermarks to the store. */
  public void flush() {
    dirty.forEach(store::put);
    dirty.clear();
  }
}
