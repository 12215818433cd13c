package io.inferenceimpact.topology.progress;

import java.util.Map;

/**
 * What the broker holds of an input partition beyond what its task has read: the fact that tells a
 * task which reads nothing whether it is idle (its producers are quiet) or starved (records wait
 * while the stream thread serves other partitions, or the first fetch has not come back yet). Only
 * an idle partition's watermark may follow the wall clock ({@link InputWatermark}); a starved one's
 * must wait for its records, or everything it holds would turn late downstream. A service catching
 * up a backlog starves some partitions for seconds at a time, most of all at its start.
 *
 * <p>The running service puts its implementation into the Kafka Streams configuration under {@link
 * #CONFIG}; processors find it in their {@code appConfigs()}. Without one (the topology test
 * driver, {@code impact replay}: records are handed over synchronously, nothing starves) the answer
 * is {@link State#UNKNOWN} and the watermark follows its wall-clock rule alone.
 */
public interface InputBacklog {
  /** The key of the Kafka Streams configuration entry holding the running service's backlog. */
  String CONFIG = "impact.input.backlog";

  /** No knowledge: every partition is {@link State#UNKNOWN}. */
  InputBacklog NONE =
      new InputBacklog() {
        @Override
        public void watch(final String topic, final int partition) {}

        @Override
        public State state(final String topic, final int partition, final long nextOffset) {
          return State.UNKNOWN;
        }
      };

  /** Whether a partition holds committed records its task has not read. */
  enum State {
    /** Records wait to be read: the task is behind, not idle. */
    UNREAD,
    /** Everything committed has been read (but perhaps one record: see {@link #state}). */
    READ,
    /** Nothing is known: the watermark's wall-clock rule alone decides. */
    UNKNOWN
  }

  /** A task that reads {@code topic}'s {@code partition} asks about it from now on. */
  void watch(String topic, int partition);

  /**
   * The partition's state for a task whose next record is at {@code nextOffset}, or {@code -1} when
   * it has read nothing since it started (then the group's committed offset, else the log's start,
   * is where it reads from). A partition counts as read up to one offset short of its last stable
   * offset: a transactional producer's commit marker follows its last record and is never
   * delivered, so the one offset cannot tell a marker from a record; that record, if it is one, is
   * in the task's next fetch.
   */
  State state(String topic, int partition, long nextOffset);

  /** The service's backlog from a processor's {@code appConfigs()}, or {@link #NONE}. */
  static InputBacklog of(final Map<String, Object> appConfigs) {
    final Object value = appConfigs.get(CONFIG);
    return value instanceof InputBacklog backlog ? backlog : NONE;
  }
}
