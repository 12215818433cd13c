package io.inferenceimpact.bench.live;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One look at a running workload: when (epoch ms), its process CPU time since it started, the end
 * offsets of the topics it reads and writes, its group's committed offsets, and the marks of its
 * own {@link Progress} ({@code firstMillis firstCpuNanos doneMillis doneCpuNanos}, -1 when unset).
 */
record Poll(
    long atMillis,
    long cpuNanos,
    Map<TopicPartition, Long> endOffsets,
    Map<TopicPartition, Long> committed,
    long[] marks) {

  /** A look at offsets alone. */
  static Poll offsets(final Map<TopicPartition, Long> endOffsets) {
    return new Poll(0, 0, endOffsets, Map.of(), new long[] {-1, -1, -1, -1});
  }

  /** True once the workload counted all its input records itself. */
  boolean done() {
    return marks[2] >= 0;
  }

  /** Summed end offsets per topic. */
  Map<String, Long> endOffsetsByTopic() {
    final Map<String, Long> sums = new java.util.TreeMap<>();
    endOffsets.forEach((tp, end) -> sums.merge(tp.topic(), end, Long::sum));
    return sums;
  }
}
