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
 * reads continuously), and only then the wall clock moves its watermark, so that a quiet partition
 * does not hold the stage back: from its last event time at the wall clock's pace ({@code lastEvent
 * + (idle time − IDLE_AFTER)}), so that a stall in reading (a slow fetch, a rebalance) moves it by
 * no more than the stall; and once idle for longer than {@code maxLag} to at least {@code now −
 * maxLag}, so that a partition whose last record was old does not hold the stage that far behind
 * for ever. A task that has read nothing yet says nothing until idle, then {@code now −
 * IDLE_AFTER}. It never moves backwards. Source id: {@code <name>-<partition>}, stable across
 * restarts and rebalances.
 */
public final class StampProcessor<V> implements Processor<String, V, String, Stamped<V>> {
  /** Wall-clock time without input after which a task's watermark follows the wall clock. */
  public static final Duration IDLE_AFTER = Duration.ofSeconds(5);

  static final Duration MARK_EVERY = Duration.ofSeconds(1);

  /** The least {@code maxLag}: a shorter one would turn a pause in a producer's past data late. */
  static final Duration MIN_MAX_LAG = Duration.ofMinutes(10);

  private final String name;
  private final Function<V, String> routingKey;
  private final ToLongFunction<V> eventTime;
  private final long maxLagMillis;
  private ProcessorContext<String, Stamped<V>> context;
  private String source;
  private long maxEventMillis = Long.MIN_VALUE;
  private long watermarkMillis = Long.MIN_VALUE;
  private long lastInputWallMillis;

  /**
   * @param maxLag how long after its last record an idle task's watermark may stay behind the wall
   *     clock (the stage's grace; at least {@link #MIN_MAX_LAG})
   */
  public StampProcessor(
      final String name,
      final Function<V, String> routingKey,
      final ToLongFunction<V> eventTime,
      final Duration maxLag) {
    this.name = name;
    this.routingKey = routingKey;
    this.eventTime = eventTime;
    this.maxLagMillis = Math.max(MIN_MAX_LAG.toMillis(), maxLag.toMillis());
  }

  @Override
  public void init(final ProcessorContext<String, Stamped<V>> context) {
    this.context = context;
    this.source = name + "-" + context.taskId().partition();
    // Kafka Streams calls init again on the same instance when it revives a task (after an aborted
    // transaction, from the last commit): nothing read before may count.
    this.maxEventMillis = Long.MIN_VALUE;
    this.watermarkMillis = Long.MIN_VALUE;
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
    final long idleMillis = wallMillis - lastInputWallMillis;
    if (idleMillis >= IDLE_AFTER.toMillis()) {
      if (maxEventMillis == Long.MIN_VALUE) {
        candidate = wallMillis - IDLE_AFTER.toMillis();
      } else {
        candidate = maxEventMillis + (idleMillis - IDLE_AFTER.toMillis());
        if (idleMillis >= maxLagMillis) {
          candidate = Math.max(candidate, wallMillis - maxLagMillis);
        }
      }
    }
    watermarkMillis = Math.max(watermarkMillis, candidate);
    return watermarkMillis;
  }
}
