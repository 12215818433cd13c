package io.inferenceimpact.bench.live;

/** What a worker JVM runs: one application over the benchmark's input topics. */
interface Workload extends AutoCloseable {
  /**
   * Runs the workload over the backlog unmeasured until it has run for {@code seconds} (whole
   * passes), so that the measured run that follows finds the JIT and heap warm. Blocks.
   */
  default void warmUp(final long seconds) throws Exception {}

  /** Starts processing on the workload's own threads. */
  void start() throws Exception;

  /** A one-word state, e.g. Kafka Streams' {@code RUNNING}. */
  String state();

  /**
   * {@code firstMillis firstCpuNanos doneMillis doneCpuNanos} of its {@link Progress} (CPU from
   * {@code cpuAtStart}), or four -1 when it does not count its records itself.
   */
  default String marks(final long cpuAtStart) {
    return "-1 -1 -1 -1";
  }

  /** Why it stopped by itself, or null while it is healthy. */
  String failure();

  @Override
  void close();
}
