package io.inferenceimpact.topology.progress;

import java.time.Duration;

/**
 * The watermark of one input partition as its task reads it: the highest event time read. While the
 * task reads nothing for {@link StampProcessor#IDLE_AFTER} of wall-clock time it has no unread
 * input (a task that is catching up reads continuously), and only then the wall clock moves the
 * watermark, so that a quiet partition does not hold later stages back: from its last event time at
 * the wall clock's pace ({@code lastEvent + (idle time − IDLE_AFTER)}), so that a stall in reading
 * (a slow fetch, a rebalance) moves it by no more than the stall; and once idle for longer than
 * {@code maxLag} to at least {@code now − maxLag}, so that a partition whose last record was old
 * does not hold them that far behind for ever. Before the first record: unknown until idle, then
 * {@code now − IDLE_AFTER}. It never moves backwards. In memory: a revived task starts again.
 *
 * <p>Reading nothing is not enough to be idle: a task catching up a backlog can go seconds without
 * a fetch for its partition (at its start above all), and a watermark moved on then would make its
 * whole backlog late. So a task is idle only while its {@link InputBacklog} does not report unread
 * records; while it does, the task counts as reading.
 */
final class InputWatermark {
  private final long maxLagMillis;
  private final InputBacklog backlog;
  private final String topic;
  private final int partition;
  private long nextOffset = -1;
  private long maxEventMillis = Long.MIN_VALUE;
  private long watermarkMillis = Long.MIN_VALUE;
  private long lastInputWallMillis;

  /**
   * @param maxLag how long after its last record an idle partition's watermark may stay behind the
   *     wall clock (at least {@link StampProcessor#MIN_MAX_LAG})
   * @param startWallMillis the task's wall clock at init
   * @param backlog what the broker holds beyond what the task has read
   * @param topic the input topic
   * @param partition the task's partition of it
   */
  InputWatermark(
      final Duration maxLag,
      final long startWallMillis,
      final InputBacklog backlog,
      final String topic,
      final int partition) {
    this.maxLagMillis = Math.max(StampProcessor.MIN_MAX_LAG.toMillis(), maxLag.toMillis());
    this.lastInputWallMillis = startWallMillis;
    this.backlog = backlog;
    this.topic = topic;
    this.partition = partition;
    backlog.watch(topic, partition);
  }

  /** The watermark of the task's partition of {@code topic}, with the service's backlog. */
  static InputWatermark of(
      final org.apache.kafka.streams.processor.api.ProcessingContext context,
      final String topic,
      final Duration maxLag) {
    return new InputWatermark(
        maxLag,
        context.currentSystemTimeMs(),
        InputBacklog.of(context.appConfigs()),
        topic,
        context.taskId().partition());
  }

  /**
   * A record of event time {@code eventMillis} at {@code offset} ({@code -1} when unknown) read at
   * wall-clock {@code wallMillis}.
   */
  void read(final long eventMillis, final long offset, final long wallMillis) {
    maxEventMillis = Math.max(maxEventMillis, eventMillis);
    if (offset >= 0) {
      nextOffset = Math.max(nextOffset, offset + 1);
    }
    lastInputWallMillis = wallMillis;
  }

  /** The watermark at wall-clock {@code wallMillis}; {@link Long#MIN_VALUE} while unknown. */
  long at(final long wallMillis) {
    long candidate = maxEventMillis;
    long idleMillis = wallMillis - lastInputWallMillis;
    final long idleAfter = StampProcessor.IDLE_AFTER.toMillis();
    if (idleMillis >= idleAfter
        && backlog.state(topic, partition, nextOffset) == InputBacklog.State.UNREAD) {
      // Starved, not idle: records wait for this task. It counts as reading.
      lastInputWallMillis = wallMillis;
      idleMillis = 0;
    }
    if (idleMillis >= idleAfter) {
      if (maxEventMillis == Long.MIN_VALUE) {
        candidate = wallMillis - idleAfter;
      } else {
        candidate = maxEventMillis + (idleMillis - idleAfter);
        if (idleMillis >= maxLagMillis) {
          candidate = Math.max(candidate, wallMillis - maxLagMillis);
        }
      }
    }
    watermarkMillis = Math.max(watermarkMillis, candidate);
    return watermarkMillis;
  }
}
