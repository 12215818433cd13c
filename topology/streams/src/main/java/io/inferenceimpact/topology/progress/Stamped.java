package io.inferenceimpact.topology.progress;

/**
 * A record crossing a repartition topic with its writer's progress: {@code value} is the payload,
 * or null for a mark (progress only).
 *
 * @param source the writing task's source id, stable across restarts (stage name and partition)
 * @param watermarkMillis event time up to which the source has sent everything it will send on time
 *     (later records below it are late for the reader's grace only)
 * @param value the payload, null for a mark
 */
public record Stamped<V>(String source, long watermarkMillis, V value) {

  public static <V> Stamped<V> mark(final String source, final long watermarkMillis) {
    return new Stamped<>(source, watermarkMillis, null);
  }

  public boolean isMark() {
    return value == null;
  }
}
