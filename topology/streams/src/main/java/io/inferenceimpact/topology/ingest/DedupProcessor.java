package io.inferenceimpact.topology.ingest;

import io.inferenceimpact.topology.progress.SourceClock;
import io.inferenceimpact.topology.progress.Stamped;
import io.inferenceimpact.topology.support.StageCounter;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Passes the first record of each key and drops the copies that follow within the dedup window,
 * counting them ({@value #COUNTER}{@code -total} in {@value #GROUP}). A key is remembered in a
 * window store at its record's timestamp (the payload's event time), so a copy is recognised when
 * its own time lies within the window of the first copy's and the first copy has not yet expired
 * (the partition's stream time is less than the window past it). The store's changelog makes the
 * memory survive restarts and rebalances; its retention bounds it.
 *
 * <p>Progress: the input is stamped by its writers ({@link Stamped}); this stage passes on the
 * minimum of their watermarks as its own ({@link SourceClock}, source {@code <name>-<partition>}),
 * on every record and in a mark each second, so that the stage it feeds finalises on the slowest
 * input partition, not on the order in which this task happened to read them.
 */
final class DedupProcessor<V> implements Processor<String, Stamped<V>, String, Stamped<V>> {
  static final String GROUP = StageCounter.INGEST;
  static final String COUNTER = "duplicate-requests";
  private static final Duration MARK_EVERY = Duration.ofSeconds(1);

  private final String storeName;
  private final String sourcesStoreName;
  private final String name;
  private final long windowMillis;
  private ProcessorContext<String, Stamped<V>> context;
  private WindowStore<String, Long> seen;
  private SourceClock clock;
  private String source;
  private long markedMillis = Long.MIN_VALUE;
  private StageCounter duplicates;

  DedupProcessor(
      final String storeName,
      final String sourcesStoreName,
      final String name,
      final Duration window) {
    this.storeName = storeName;
    this.sourcesStoreName = sourcesStoreName;
    this.name = name;
    this.windowMillis = window.toMillis();
  }

  @Override
  public void init(final ProcessorContext<String, Stamped<V>> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
    this.clock =
        new SourceClock(context.getStateStore(sourcesStoreName), context.currentSystemTimeMs());
    this.source = name + "-" + context.taskId().partition();
    this.markedMillis = Long.MIN_VALUE; // init runs again when a task is revived
    this.duplicates =
        StageCounter.register(
            context, GROUP, COUNTER, "records dropped as copies of one seen within the window");
    context.schedule(MARK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::mark);
  }

  @Override
  public void process(final Record<String, Stamped<V>> record) {
    clock.observe(record.value());
    if (record.value().isMark()) {
      // Pass progress on as soon as it moves, not only at the next punctuation.
      final long watermark = clock.watermark(context.currentSystemTimeMs());
      if (watermark > markedMillis && watermark >= 0) {
        forwardMark(watermark);
      }
      return;
    }
    final long time = record.timestamp();
    if (time >= saturatedSubtract(context.currentStreamTimeMs(), windowMillis)) {
      // Older records than the store keeps pass: no copy can be recognised, and a put would only
      // be dropped (with a warning per record) by the store.
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
    }
    final long watermark = clock.watermark(context.currentSystemTimeMs());
    context.forward(record.withValue(new Stamped<>(source, watermark, record.value().value())));
  }

  private void mark(final long wallMillis) {
    final long watermark = clock.watermark(wallMillis);
    clock.flush();
    // Marked from the start, unknown (Long.MIN_VALUE) included: the stage this feeds must hear of
    // every dedup task within its discovery time, or it would finalise on the others alone.
    forwardMark(watermark);
  }

  private void forwardMark(final long watermark) {
    markedMillis = Math.max(markedMillis, watermark);
    context.forward(
        new Record<>(source, Stamped.<V>mark(source, watermark), Math.max(0, watermark)));
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
