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
 * each record re-keyed by {@code routingKey}, stamped with this task's input watermark ({@link
 * InputWatermark}), and every second (wall clock) a mark with the watermark alone, which {@link
 * StampPartitioner} sends to every partition; from the task's start, with {@link Long#MIN_VALUE}
 * while nothing is known (nothing read, not yet idle), so that every reader hears of every writer
 * within its {@link SourceClock#DISCOVERY}. Source id: {@code <name>-<partition>}, stable across
 * restarts and rebalances.
 */
public final class StampProcessor<V> implements Processor<String, V, String, Stamped<V>> {
  /** Wall-clock time without input after which a task's watermark follows the wall clock. */
  public static final Duration IDLE_AFTER = Duration.ofSeconds(5);

  static final Duration MARK_EVERY = Duration.ofSeconds(1);

  /** The least {@code maxLag}: a shorter one would turn a pause in a producer's past data late. */
  static final Duration MIN_MAX_LAG = Duration.ofMinutes(10);

  private final String name;
  private final String topic;
  private final Function<V, String> routingKey;
  private final ToLongFunction<V> eventTime;
  private final Duration maxLag;
  private ProcessorContext<String, Stamped<V>> context;
  private String source;
  private InputWatermark watermark;

  /**
   * @param maxLag how long after its last record an idle task's watermark may stay behind the wall
   *     clock (the stage's grace; at least {@link #MIN_MAX_LAG})
   * @param topic the input topic the task reads (for its {@link InputBacklog})
   */
  public StampProcessor(
      final String name,
      final String topic,
      final Function<V, String> routingKey,
      final ToLongFunction<V> eventTime,
      final Duration maxLag) {
    this.name = name;
    this.topic = topic;
    this.routingKey = routingKey;
    this.eventTime = eventTime;
    this.maxLag = maxLag;
  }

  @Override
  public void init(final ProcessorContext<String, Stamped<V>> context) {
    this.context = context;
    this.source = name + "-" + context.taskId().partition();
    // Kafka Streams calls init again on the same instance when it revives a task (after an aborted
    // transaction, from the last commit): nothing read before may count.
    this.watermark = InputWatermark.of(context, topic, maxLag);
    context.schedule(MARK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::mark);
  }

  @Override
  public void process(final Record<String, V> record) {
    final long time = eventTime.applyAsLong(record.value());
    final long wall = context.currentSystemTimeMs();
    watermark.read(time, context.recordMetadata().map(m -> m.offset()).orElse(-1L), wall);
    context.forward(
        new Record<>(
            routingKey.apply(record.value()),
            new Stamped<>(source, watermark.at(wall), record.value()),
            Math.max(0, time),
            record.headers()));
  }

  private void mark(final long wallMillis) {
    // Marked from the start, unknown (Long.MIN_VALUE) included: the reader must hear of every
    // writer within its discovery time, or it would finalise on the others alone.
    final long millis = watermark.at(wallMillis);
    context.forward(new Record<>(source, Stamped.mark(source, millis), Math.max(0, millis)));
  }

  long watermark(final long wallMillis) {
    return watermark.at(wallMillis);
  }
}
