package io.inferenceimpact.bench.replay;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.replay.Replay;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * End-to-end throughput and state size of the application's real topology, driven the way {@code
 * impact replay} drives it: Kafka Streams' {@link TopologyTestDriver}, records piped in event-time
 * order and stamped with their event time, the wall clock moved to each record's time first (in
 * steps of at most one slot) so that wall-clock punctuators fire as live. Input comes from {@link
 * FleetLoad}. Every {@code census-every} simulated seconds it counts the state ({@link
 * StateCensus}); census time is not counted as processing time. After the last second it moves the
 * clock past the flush horizon and counts once more. Prints a table, writes it as CSV.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar
 * io.inferenceimpact.bench.replay.ReplayThroughput --gpus 1000 --seconds 1800} (see BENCHMARKS.md
 * for every option).
 */
public final class ReplayThroughput {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String APPLICATION_ID = "impact-replay-bench";

  /** 2026-01-01T00:00:00Z. */
  private static final long START_MILLIS = 1_767_225_600_000L;

  private ReplayThroughput() {}

  public static void main(final String[] args) throws Exception {
    final LoadSettings settings = LoadSettings.parse(args);
    final Properties overrides = new Properties();
    if (settings.grace() != null) {
      overrides.setProperty("energy.grace", settings.grace().toSeconds() + "s");
    }
    final ImpactConfig config = ConfigLoader.load(overrides, Map.of());
    final TopologySerdes serdes = TopologySerdes.inMemory();
    final Topology topology = ImpactTopology.build(config, serdes);
    final Topics topics = Topics.from(config.topics());
    final Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    final Path stateDir = Files.createTempDirectory(tmp, APPLICATION_ID + "-");
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    final FleetLoad load =
        new FleetLoad(
            settings,
            START_MILLIS,
            serdes.avro(GpuSample.class).serializer(),
            serdes.avro(InferenceRequest.class).serializer(),
            topics.gpuMetrics().name(),
            topics.inferenceRequests().name());
    final StateCensus census = new StateCensus(topology, stateDir);
    final CensusTable table =
        new CensusTable(census.stores(), topics.impactRequests().name(), topics.dlq().name());
    System.out.printf(
        "fleet: %d GPUs, %d groups of %d, %d requests/s per group, %d input events per simulated"
            + " second, %d simulated s, energy.grace %s, slot %s%n",
        settings.gpus(),
        settings.groups(),
        settings.groupSize(),
        settings.requestsPerGroupPerSecond(),
        settings.eventsPerSecond(),
        settings.seconds(),
        config.energy().grace(),
        config.energy().slotSize());
    table.printHeader(System.out);
    final long step = config.energy().slotSize().toMillis();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(topology, props, Instant.ofEpochMilli(START_MILLIS))) {
      final OutputDrain outputs = new OutputDrain(driver);
      final TestInputTopic<byte[], byte[]> samples = input(driver, topics.gpuMetrics().name());
      final TestInputTopic<byte[], byte[]> requests =
          input(driver, topics.inferenceRequests().name());
      long now = START_MILLIS;
      long events = 0;
      long processingNanos = 0;
      long processingCpuNanos = 0;
      for (int second = 0; second < settings.seconds(); second++) {
        final List<FleetLoad.Event> batch = load.second(second);
        final long began = System.nanoTime();
        final long beganCpu = THREADS.getCurrentThreadCpuTime();
        for (final FleetLoad.Event event : batch) {
          now = advance(driver, now, event.timeMillis(), step);
          (event.request() ? requests : samples)
              .pipeInput(new TestRecord<>(event.key(), event.value(), null, event.timeMillis()));
        }
        outputs.drain();
        processingNanos += System.nanoTime() - began;
        processingCpuNanos += THREADS.getCurrentThreadCpuTime() - beganCpu;
        events += batch.size();
        if ((second + 1) % settings.censusEverySeconds() == 0) {
          table.add(
              second + 1,
              events,
              processingNanos,
              processingCpuNanos,
              outputs,
              census,
              driver,
              System.out);
        }
      }
      final long flushed = now + new Replay(config).flushHorizon().toMillis();
      // In slot steps, draining after each, so that the flushed results never pile up.
      for (long t = now; t < flushed; ) {
        t = advance(driver, t, Math.min(flushed, t + step), step);
        outputs.drain();
      }
      table.add(
          -1, events, processingNanos, processingCpuNanos, outputs, census, driver, System.out);
      System.out.printf(
          "%n%d input events in %.1f s of processing: %.0f events/s (%.2f× real time at this"
              + " fleet size)%n",
          events,
          processingNanos / 1e9,
          events / (processingNanos / 1e9),
          settings.seconds() / (processingNanos / 1e9));
      System.out.printf(
          "processing thread CPU: %.1f s, %.0f events per CPU-second%n",
          processingCpuNanos / 1e9, events / (processingCpuNanos / 1e9));
    } finally {
      deleteRecursively(stateDir);
    }
    table.writeCsv(settings.csv());
    System.out.println("census written to " + settings.csv());
  }

  private static TestInputTopic<byte[], byte[]> input(
      final TopologyTestDriver driver, final String topic) {
    return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Moves the wall clock to {@code target} in steps of at most {@code step} ms, as replay does. */
  private static long advance(
      final TopologyTestDriver driver, final long from, final long target, final long step) {
    long now = from;
    while (now < target) {
      final long delta = Math.min(step, target - now);
      driver.advanceWallClockTime(Duration.ofMillis(delta));
      now += delta;
    }
    return now;
  }

  private static void deleteRecursively(final Path dir) throws java.io.IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
