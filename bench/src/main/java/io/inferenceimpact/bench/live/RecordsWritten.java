package io.inferenceimpact.bench.live;

import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka records an application wrote, from the end offsets of the topics it writes, per kind of
 * topic, and their ratio to the input records it read. The topics are fresh (created for the run),
 * so a partition's end offset is the number of offsets written to it: records plus, on topics
 * written in transactions, one commit marker per partition per transaction.
 */
public final class RecordsWritten {

  /** What a topic is to the application. */
  public enum Kind {
    INPUT,
    OUTPUT,
    REPARTITION,
    CHANGELOG
  }

  private final Map<Kind, Long> offsets;

  private RecordsWritten(final Map<Kind, Long> offsets) {
    this.offsets = offsets;
  }

  /**
   * Sums end offsets per kind.
   *
   * @param endOffsets topic name to the sum of its partitions' end offsets
   * @param kinds topic name to its kind; topics without a kind are left out
   */
  public static RecordsWritten of(
      final Map<String, Long> endOffsets, final Map<String, Kind> kinds) {
    final Map<Kind, Long> sums = new TreeMap<>();
    for (final Kind kind : Kind.values()) {
      sums.put(kind, 0L);
    }
    endOffsets.forEach(
        (topic, end) -> {
          final Kind kind = kinds.get(topic);
          if (kind != null) {
            if (end < 0) {
              throw new IllegalArgumentException("negative end offset " + end + " of " + topic);
            }
            sums.merge(kind, end, Long::sum);
          }
        });
    return new RecordsWritten(sums);
  }

  /** The summed end offsets of the topics of that kind. */
  public long of(final Kind kind) {
    return offsets.get(kind);
  }

  /** Offsets written by the application: outputs, repartitions and changelogs. */
  public long written() {
    return of(Kind.OUTPUT) + of(Kind.REPARTITION) + of(Kind.CHANGELOG);
  }

  /** Offsets written per input record; NaN when there was no input. */
  public double perInput() {
    final long inputs = of(Kind.INPUT);
    return inputs == 0 ? Double.NaN : (double) written() / inputs;
  }

  /** Offsets written per input record for one kind; NaN when there was no input. */
  public double perInput(final Kind kind) {
    final long inputs = of(Kind.INPUT);
    return inputs == 0 ? Double.NaN : (double) of(kind) / inputs;
  }

  /** The kind of an application's topic from its name, or null when it is not one of them. */
  public static Kind internalKind(final String applicationId, final String topic) {
    if (!topic.startsWith(applicationId + "-")) {
      return null;
    }
    if (topic.endsWith("-repartition")) {
      return Kind.REPARTITION;
    }
    if (topic.endsWith("-changelog")) {
      return Kind.CHANGELOG;
    }
    return null;
  }
}
