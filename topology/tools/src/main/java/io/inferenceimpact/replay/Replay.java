package io.inferenceimpact.replay;

import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.progress.SourceClock;
import io.inferenceimpact.topology.progress.StampProcessor;
import io.inferenceimpact.topology.support.Topic;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs the application's own topology offline over JSON-lines files, deterministically: Kafka
 * Streams' {@link TopologyTestDriver} receives the records merged by event time (see {@link
 * ReplayInputs}), each stamped with its event time and with the wall clock moved to that time first
 * (in steps of at most one energy slot), so that wall-clock punctuators fire as in a live system.
 * Past the flush horizon after a record nothing is due any more, so across a longer silence the
 * clock steps through the horizon and then jumps to the next record. After the last record the
 * clock moves on by the flush horizon, so that every pending slot and window is emitted.
 *
 * <p>The wall clock follows the inputs' own time range ({@link ReplayTimeRange}): a record outside
 * it is piped where it stands without moving the clock, stamped with the clock's time, and the live
 * validation limits (taken relative to the range) send it to the DLQ as {@code future-time} or
 * {@code too-old}. Every output topic the topology writes to becomes {@code <topic>.jsonl}.
 */
public final class Replay {
  /** Fixed, so that nothing in the outputs depends on the run. */
  static final String APPLICATION_ID = "impact-replay";

  private static final Duration FLUSH_MARGIN = Duration.ofMinutes(1);

  private final ImpactConfig config;

  public Replay(final ImpactConfig config) {
    this.config = config;
  }

  /**
   * How far past the last event time the wall clock is moved at the end: both graces (energy,
   * windows) and the intensity wait, plus one window, one slot, the inputs' idle and discovery
   * times and a minute's margin.
   */
  public Duration flushHorizon() {
    // Windows wait for the energy grace and their own; the inputs' watermarks move on only once
    // they have been idle, and a new task trusts them after the discovery time.
    // Estimated requests wait for their grid values up to the intensity wait.
    final Duration grace =
        config.energy().grace().plus(config.zones().intensityWait()).plus(config.windows().grace());
    return grace
        .plus(config.windows().size())
        .plus(config.energy().slotSize())
        .plus(StampProcessor.IDLE_AFTER)
        .plus(SourceClock.DISCOVERY)
        .plus(FLUSH_MARGIN);
  }

  /**
   * @param inputs the file of each input kind given (kinds left out have none)
   * @param outDir created if needed; output files of the same names are replaced
   * @param warnings told about input files this topology does not read
   * @return the output files, in the order of the contract's topics
   */
  public List<ReplayOutput> run(
      final Map<InputKind, Path> inputs, final Path outDir, final PrintWriter warnings)
      throws IOException {
    final TopologySerdes serdes = TopologySerdes.inMemory();
    final TopologyTopics shape = TopologyTopics.of(ImpactTopology.build(config, serdes));
    final List<ReplayInput> merged = read(inputs, serdes, shape, warnings);
    final ReplayTimeRange range = ReplayTimeRange.of(merged);
    final Topology topology = ImpactTopology.build(range.limit(config), serdes);
    final List<String> outputs =
        Topics.from(config.topics()).all().stream()
            .map(Topic::name)
            .filter(shape.sinks()::contains)
            .toList();
    Files.createDirectories(outDir);
    final Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    final Path stateDir = Files.createTempDirectory(tmp, APPLICATION_ID + "-");
    try {
      return drive(
          topology, merged, range, outputs, outDir, new OutputLines(serdes.registry()), stateDir);
    } finally {
      deleteRecursively(stateDir);
    }
  }

  private List<ReplayInput> read(
      final Map<InputKind, Path> inputs,
      final TopologySerdes serdes,
      final TopologyTopics shape,
      final PrintWriter warnings)
      throws IOException {
    final List<List<ReplayInput>> files = new ArrayList<>();
    for (final Map.Entry<InputKind, Path> input : new EnumMap<>(inputs).entrySet()) {
      final InputKind kind = input.getKey();
      final String topic = kind.topic(config.topics());
      if (!shape.sources().contains(topic)) {
        warnings.println(
            "warning: this version's topology does not read "
                + topic
                + "; ignored "
                + input.getValue());
        continue;
      }
      files.add(new JsonLinesReader(kind, topic, serializer(serdes, kind)).read(input.getValue()));
    }
    return ReplayInputs.merge(files);
  }

  private List<ReplayOutput> drive(
      final Topology topology,
      final List<ReplayInput> merged,
      final ReplayTimeRange range,
      final List<String> outputs,
      final Path outDir,
      final OutputLines lines,
      final Path stateDir)
      throws IOException {
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // No global stores here; set only so that Streams does not warn on stdout about the default.
    props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    final long start = range.fromMillis();
    final Clock clock = new Clock(config.energy().slotSize().toMillis(), flushHorizon().toMillis());
    final Map<InputKind, TestInputTopic<byte[], byte[]>> topics = new EnumMap<>(InputKind.class);
    try (TopologyTestDriver driver =
            new TopologyTestDriver(topology, props, Instant.ofEpochMilli(start));
        OutputFiles files =
            new OutputFiles(driver, outputs, config.topics().dlq(), outDir, lines)) {
      long now = start;
      for (final ReplayInput input : merged) {
        final boolean inRange = range.contains(input.eventTimeMillis());
        if (inRange) {
          now = clock.advance(driver, now, input.eventTimeMillis(), files);
        }
        topics
            .computeIfAbsent(
                input.kind(),
                kind ->
                    driver.createInputTopic(
                        kind.topic(config.topics()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer()))
            .pipeInput(
                new TestRecord<>(
                    input.key(),
                    input.value(),
                    input.headers(),
                    inRange ? input.eventTimeMillis() : now));
        files.drain();
      }
      clock.advance(driver, now, now + flushHorizon().toMillis(), files);
      return files.outputs();
    }
  }

  /**
   * Moves the driver's wall clock in steps of at most {@code stepMillis} (one slot), so that
   * wall-clock punctuators fire as often as live; once {@code quietMillis} (the flush horizon) have
   * passed since the last record nothing is due, and the clock jumps to the target in one move.
   */
  private record Clock(long stepMillis, long quietMillis) {
    long advance(
        final TopologyTestDriver driver,
        final long from,
        final long target,
        final OutputFiles files)
        throws IOException {
      long now = from;
      while (now < target) {
        final long delta =
            now - from >= quietMillis ? target - now : Math.min(stepMillis, target - now);
        driver.advanceWallClockTime(Duration.ofMillis(delta));
        now += delta;
        files.drain();
      }
      return now;
    }
  }

  @SuppressWarnings("unchecked")
  private static Serializer<SpecificRecord> serializer(
      final TopologySerdes serdes, final InputKind kind) {
    return (Serializer<SpecificRecord>) (Serializer<?>) serdes.avro(kind.type()).serializer();
  }

  private static void deleteRecursively(final Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
