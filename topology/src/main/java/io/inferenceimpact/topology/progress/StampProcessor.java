package io.inferenceimpact.topology.progress;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The writer side of a repartition topic read by a stage that finalises on event time: forwards
 * each record re-keyed by {@code routingKey}, stamped with this task's watermark, and every second
 * (wall clock) a mark with the watermark alone, which {@link StampPartitioner} sends to every
 * partition.
 *
 * <p>The watermark is the highest event time this task has forwarded. While the task reads nothing
 * for {@link #IDLE_AFTER} of wall-clock time it has no unread input (a task that is catching up
 * reads continuously), and only then the wall clock moves its watermark: to {@code now −
 * IDLE_AFTER}, so that a quiet partition does not hold the stage back. It never moves backwards.
 * Source id: {@code <name>-<partition>}, stable across restarts and rebalances.
 */
public final class StampProcessor<V> implements Processor<String, V, String, Stamped<V>> {
  /** Wall-clock time without input after which a task's watermark follows the wall clock. */
  public static final Duration IDLE_AFTER = Duration.ofSeconds(5);

  static final Duration MARK_EVERY = Duration.ofSeconds(1);

  private final String name;
  private final Function<V, String> routingKey;
  private final ToLongFunction<V> eventTime;
  private ProcessorContext<String, Stamped<V>> context;
  private String source;
  private long maxEventMillis = Long.MIN_VALUE;
  private long watermarkMillis = Long.MIN_VALUE;
  private long lastInputWallMillis;

  public StampProcessor(
      final String name, final Function<V, String> routingKey, final ToLongFunction<V> eventTime) {
    this.name = name;
    this.routingKey = routingKey;
    this.eventTime = eventTime;
  }

  @Override
  public void init(final ProcessorContext<String, Stamped<V>> context) {
    this.context = context;
    this.source = name + "-" + context.taskId().partition();
    this.lastInputWallMillis = context.currentSystemTimeMs();
    context.schedule(MARK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::mark);
  }

  @Override
  public void process(final Record<String, V> record) {
    final long time = eventTime.applyAsLong(record.value());
    maxEventMillis = Math.max(maxEventMillis, time);
    lastInputWallMillis = context.currentSystemTimeMs();
    final long watermark = watermark(lastInputWallMillis);
    context.forward(
        new Record<>(
            routingKey.apply(record.value()),
            new Stamped<>(source, watermark, record.value()),
            Math.max(0, time),
            record.headers()));
  }

  private void mark(final long wallMillis) {
    final long watermark = watermark(wallMillis);
    if (watermark < 0) {
      return; // nothing read and not yet idle: nothing to say
    }
    context.forward(new Record<>(source, Stamped.mark(source, watermark), watermark));
  }

  long watermark(final long wallMillis) {
    long candidate = maxEventMillis;
    if (wallMillis - lastInputWallMillis >= IDLE_AFTER.toMillis()) {
      candidate = Math.max(candidate, wallMillis - IDLE_AFTER.toMillis());
    }
    watermarkMillis = Math.max(watermarkMillis, candidate);
    return watermarkMillis;
  }
}
