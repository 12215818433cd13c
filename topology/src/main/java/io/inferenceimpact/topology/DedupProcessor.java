package io.inferenceimpact.topology;

import io.inferenceimpact.topology.attribution.StageCounter;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Passes the first record of each key and drops the copies that follow within the dedup window,
 * counting them ({@value #COUNTER}{@code -total} in {@value #GROUP}). A key is remembered in a
 * window store at its record's timestamp (the payload's event time), so a copy is recognised when
 * its own time lies within the window of the first copy's and the first copy has not yet expired
 * (the partition's stream time is less than the window past it). The store's changelog makes the
 * memory survive restarts and rebalances; its retention bounds it.
 */
final class DedupProcessor<V> implements FixedKeyProcessor<String, V, V> {
  static final String GROUP = "impact-ingest-metrics";
  static final String COUNTER = "duplicate-requests";

  private final String storeName;
  private final long windowMillis;
  private FixedKeyProcessorContext<String, V> context;
  private WindowStore<String, Long> seen;
  private StageCounter duplicates;

  DedupProcessor(final String storeName, final Duration window) {
    this.storeName = storeName;
    this.windowMillis = window.toMillis();
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, V> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
    this.duplicates =
        StageCounter.register(
            context, GROUP, COUNTER, "records dropped as copies of one seen within the window");
  }

  @Override
  public void process(final FixedKeyRecord<String, V> record) {
    final long time = record.timestamp();
    if (time < saturatedSubtract(context.currentStreamTimeMs(), windowMillis)) {
      // Older than the store keeps: no copy can be recognised, and a put would only be dropped
      // (with a warning per record) by the store.
      context.forward(record);
      return;
    }
    try (WindowStoreIterator<Long> earlier =
        seen.fetch(
            record.key(),
            saturatedSubtract(time, windowMillis),
            saturatedAdd(time, windowMillis))) {
      if (earlier.hasNext()) {
        duplicates.increment();
        return;
      }
    }
    seen.put(record.key(), time, time);
    context.forward(record);
  }

  @Override
  public void close() {
    duplicates.close();
  }

  private static long saturatedSubtract(final long a, final long b) {
    final long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : Math.max(0, r);
  }

  private static long saturatedAdd(final long a, final long b) {
    final long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
