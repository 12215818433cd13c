package io.inferenceimpact.bench.live;

import io.inferenceimpact.bench.live.RecordsWritten.Kind;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a workload until it has drained its input: the group's committed offsets reach the end of
 * every input partition, on every repartition topic they reach what was there one poll earlier (an
 * application that marks progress keeps writing to them; a lag of one offset, a commit marker, is
 * allowed), and the output topics have not grown for the quiet period. The drain time is the first
 * poll at which the inputs were read and the outputs had reached their final size; the poll taken
 * then is kept (its CPU time and offsets are the measurement).
 */
final class DrainWatch {
  /** Result of a watch; {@code drained} false when the time limit came first. */
  record Outcome(
      boolean drained,
      Poll firstProgress,
      Poll inputsRead,
      Poll drainedAt,
      Poll last,
      Set<String> internal) {}

  private static final Duration POLL_EVERY = Duration.ofMillis(250);

  private final KafkaProbe probe;
  private final ChildJvm child;
  private final String group;
  private final Set<String> inputs;
  private final Set<String> outputs;
  private final String internalPrefix;

  /**
   * @param internalPrefix prefix of the application's internal topics (application id and '-'), or
   *     null when it has none
   */
  DrainWatch(
      final KafkaProbe probe,
      final ChildJvm child,
      final String group,
      final Set<String> inputs,
      final Set<String> outputs,
      final String internalPrefix) {
    this.probe = probe;
    this.child = child;
    this.group = group;
    this.inputs = inputs;
    this.outputs = outputs;
    this.internalPrefix = internalPrefix;
  }

  Outcome watch(final Duration quiet, final Duration limit) throws Exception {
    final long deadline = System.currentTimeMillis() + limit.toMillis();
    Poll previous = null;
    Poll firstProgress = null;
    Poll inputsRead = null;
    Poll outputsReached = null;
    Set<String> internal = Set.of();
    while (true) {
      internal = internalTopics();
      final Set<String> watched = new LinkedHashSet<>(inputs);
      watched.addAll(outputs);
      watched.addAll(internal);
      final String[] sample = child.ask("SAMPLE", Duration.ofSeconds(30)).split(" ");
      if (!"-".equals(sample[2])) {
        throw new IllegalStateException(
            "the workload failed: " + sample[2] + " (see " + child.log() + ")");
      }
      final long[] marks = new long[4];
      for (int i = 0; i < 4; i++) {
        marks[i] = Long.parseLong(sample[3 + i]);
      }
      final Poll poll =
          new Poll(
              System.currentTimeMillis(),
              Long.parseLong(sample[0]),
              probe.endOffsets(watched),
              probe.committed(group),
              marks);
      if (firstProgress == null && committedOn(poll, inputs) > 0) {
        firstProgress = poll;
      }
      final boolean read = lag(poll, poll, inputs, 0) == 0;
      if (read && inputsRead == null) {
        inputsRead = poll;
      }
      if (!read) {
        inputsRead = null;
      }
      if (outputsReached == null || sum(poll, outputs) != sum(outputsReached, outputs)) {
        outputsReached = poll;
      }
      final Set<String> repartitions = new LinkedHashSet<>();
      internal.forEach(
          t -> {
            if (RecordsWritten.internalKind(internalPrefix(), t) == Kind.REPARTITION) {
              repartitions.add(t);
            }
          });
      final boolean keptUp = previous != null && lag(previous, poll, repartitions, 1) == 0;
      if (read && keptUp) {
        final Poll drainedAt =
            outputsReached.atMillis() > inputsRead.atMillis() ? outputsReached : inputsRead;
        if (poll.atMillis() - drainedAt.atMillis() >= quiet.toMillis()) {
          return new Outcome(true, firstProgress, inputsRead, drainedAt, poll, internal);
        }
      }
      if (poll.atMillis() > deadline) {
        return new Outcome(false, firstProgress, inputsRead, poll, poll, internal);
      }
      previous = poll;
      Thread.sleep(POLL_EVERY.toMillis());
    }
  }

  private String internalPrefix() {
    return internalPrefix == null ? "" : internalPrefix.substring(0, internalPrefix.length() - 1);
  }

  private Set<String> internalTopics() throws Exception {
    if (internalPrefix == null) {
      return Set.of();
    }
    final Set<String> found = new LinkedHashSet<>();
    for (final String topic : probe.topics()) {
      if (topic.startsWith(internalPrefix)) {
        found.add(topic);
      }
    }
    return found;
  }

  /**
   * Offsets of {@code ends}' topics not yet committed by the group as of {@code committed}, leaving
   * out a lag of up to {@code slack} per partition (a transaction's commit marker after the last
   * record read, which a consumer that has nothing new to commit never commits past).
   */
  private static long lag(
      final Poll ends, final Poll committed, final Set<String> topics, final long slack) {
    long lag = 0;
    final Map<TopicPartition, Long> done = new HashMap<>(committed.committed());
    for (final Map.Entry<TopicPartition, Long> e : ends.endOffsets().entrySet()) {
      if (topics.contains(e.getKey().topic())) {
        final long behind = e.getValue() - done.getOrDefault(e.getKey(), 0L);
        lag += behind > slack ? behind : 0;
      }
    }
    return lag;
  }

  private static long committedOn(final Poll poll, final Set<String> topics) {
    long sum = 0;
    for (final Map.Entry<TopicPartition, Long> e : poll.committed().entrySet()) {
      if (topics.contains(e.getKey().topic())) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  private static long sum(final Poll poll, final Set<String> topics) {
    long sum = 0;
    for (final Map.Entry<TopicPartition, Long> e : poll.endOffsets().entrySet()) {
      if (topics.contains(e.getKey().topic())) {
        sum += e.getValue();
      }
    }
    return sum;
  }
}
