package io.inferenceimpact.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.TopicSettings;
import io.inferenceimpact.replay.AvroJson;
import io.inferenceimpact.replay.InputKind;
import io.inferenceimpact.replay.JsonRecords;
import io.inferenceimpact.replay.Replay;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the {@link Results} of a run come from: the deterministic replay of the scenario (the
 * fault-free baseline: the same topology and configuration on Kafka Streams' test driver, see
 * {@link Replay}), or the output topics of a real run: once the expected number of distinct results
 * is visible and the service has stopped, every output partition is read with read_committed to its
 * log end offset, so nothing the service wrote goes unseen.
 */
public final class RunOutputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunOutputs() {}

  /** Runs the scenario through {@code impact replay}'s engine and reads its output files. */
  static Results replay(final FaultScenario scenario, final ImpactConfig config, final Path dir)
      throws IOException {
    return replay(
        config, values(scenario.requests), values(scenario.samples), values(scenario.grid), dir);
  }

  /**
   * Runs the given inputs through {@code impact replay}'s engine with {@code config} (files under
   * {@code dir}) and reads its request impacts, windows and dead letters: a deterministic baseline
   * for any real-broker run of the same inputs.
   */
  public static Results replay(
      final ImpactConfig config,
      final List<InferenceRequest> requestInputs,
      final List<GpuSample> sampleInputs,
      final List<GridIntensity> gridInputs,
      final Path dir)
      throws IOException {
    final Path in = Files.createDirectories(dir.resolve("replay-in"));
    final Path out = dir.resolve("replay-out");
    final Map<InputKind, Path> inputs = new LinkedHashMap<>();
    inputs.put(InputKind.REQUESTS, jsonLines(in.resolve("requests.jsonl"), requestInputs));
    inputs.put(InputKind.GPU_SAMPLES, jsonLines(in.resolve("gpu.jsonl"), sampleInputs));
    inputs.put(InputKind.GRID, jsonLines(in.resolve("grid.jsonl"), gridInputs));
    new Replay(config).run(inputs, out, new PrintWriter(Writer.nullWriter()));
    final Map<String, RequestImpact> requests = new TreeMap<>();
    final Map<String, ModelImpactWindow> windows = new TreeMap<>();
    final List<String> duplicates = new ArrayList<>();
    final TopicSettings topics = config.topics();
    for (final JsonNode line : lines(out.resolve(topics.impactRequests() + ".jsonl"))) {
      put(requests, line.get("key").asText(), convert(line, RequestImpact.class), duplicates);
    }
    for (final JsonNode line : lines(out.resolve(topics.modelRates() + ".jsonl"))) {
      put(windows, line.get("key").asText(), convert(line, ModelImpactWindow.class), duplicates);
    }
    final long deadLetters = lines(out.resolve(topics.dlq() + ".jsonl")).size();
    return new Results(requests, windows, duplicates, deadLetters);
  }

  private static <T> List<T> values(final List<Map.Entry<String, T>> entries) {
    return entries.stream().map(Map.Entry::getValue).toList();
  }

  /** Where a run writes: its request impacts, windows and dead letters, each with partitions. */
  public record OutputTopics(String impacts, String windows, String dlq, int partitions) {
    static OutputTopics of(final FaultScenario scenario) {
      return new OutputTopics(
          scenario.topic("impact"),
          scenario.topic("rates"),
          scenario.topic("dlq"),
          FaultScenario.PARTITIONS);
    }

    List<TopicPartition> partitionsOf(final List<String> topics) {
      final List<TopicPartition> out = new ArrayList<>();
      for (final String topic : topics) {
        for (int p = 0; p < partitions; p++) {
          out.add(new TopicPartition(topic, p));
        }
      }
      return out;
    }
  }

  /** Stops the service (or does nothing more) once the expected results are visible. */
  @FunctionalInterface
  public interface Settle {
    void run() throws Exception;
  }

  /**
   * Waits until as many results as the baseline's are visible (or {@code limit} passed), has {@code
   * settle} stop the service, then reads every output partition to its end offset and lists how the
   * outputs differ from the baseline: empty when the run was exact. Anything the service wrote
   * before it stopped is read, however late it came: a second copy, an extra window, a dead letter.
   */
  static List<String> differencesFrom(
      final Results baseline,
      final String bootstrap,
      final FaultScenario scenario,
      final TopologySerdes serdes,
      final Duration limit,
      final Settle settle)
      throws Exception {
    return differencesFrom(baseline, bootstrap, OutputTopics.of(scenario), serdes, limit, settle);
  }

  /** {@link #differencesFrom(Results, String, FaultScenario, TopologySerdes, Duration, Settle)}. */
  public static List<String> differencesFrom(
      final Results baseline,
      final String bootstrap,
      final OutputTopics topics,
      final TopologySerdes serdes,
      final Duration limit,
      final Settle settle)
      throws Exception {
    awaitVisible(bootstrap, topics, baseline.requests().size(), baseline.windows().size(), limit);
    settle.run();
    return baseline.differencesFrom(readToEnd(bootstrap, topics, serdes, Duration.ofSeconds(60)));
  }

  /**
   * Waits until {@code requests} request impacts and {@code windows} windows (distinct keys) are
   * visible with read_committed, or {@code limit} passed; the comparison comes after.
   */
  static void awaitVisible(
      final String bootstrap,
      final OutputTopics topics,
      final int requests,
      final int windows,
      final Duration limit) {
    final Set<String> impacts = new HashSet<>();
    final Set<String> rates = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      final List<TopicPartition> partitions =
          topics.partitionsOf(List.of(topics.impacts(), topics.windows()));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline
          && (impacts.size() < requests || rates.size() < windows)) {
        for (final var record : consumer.poll(Duration.ofMillis(200))) {
          final String key = new String(record.key(), StandardCharsets.UTF_8);
          (record.topic().equals(topics.impacts()) ? impacts : rates).add(key);
        }
      }
    }
  }

  /**
   * Reads the output topics (request impacts, windows, DLQ) from the beginning to their end offsets
   * as they are now, with read_committed. The end is the log end (read_uncommitted), so a
   * transaction still open on any partition keeps the read from finishing: within {@code limit}
   * every transaction must have been committed or aborted, else this fails naming the partitions.
   */
  static Results readToEnd(
      final String bootstrap,
      final OutputTopics topics,
      final TopologySerdes serdes,
      final Duration limit)
      throws Exception {
    final Map<String, RequestImpact> impacts = new TreeMap<>();
    final Map<String, ModelImpactWindow> rates = new TreeMap<>();
    final List<String> duplicates = new ArrayList<>();
    long deadLetters = 0;
    final var impactDecoder = serdes.avro(RequestImpact.class).deserializer();
    final var windowDecoder = serdes.avro(ModelImpactWindow.class).deserializer();
    final List<TopicPartition> partitions =
        topics.partitionsOf(List.of(topics.impacts(), topics.windows(), topics.dlq()));
    final Map<TopicPartition, Long> ends = logEndOffsets(bootstrap, partitions);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + limit.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "outputs not readable to their end within "
                  + limit
                  + " (a transaction left open?): "
                  + partitions.stream()
                      .filter(p -> consumer.position(p) < ends.get(p))
                      .map(p -> p + " at " + consumer.position(p) + " of " + ends.get(p))
                      .toList());
        }
        for (final var record : consumer.poll(Duration.ofMillis(200))) {
          // A dead letter keeps its record's key, which can be null.
          final String key =
              record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
          if (record.topic().equals(topics.impacts())) {
            put(
                impacts,
                key,
                impactDecoder.deserialize(record.topic(), record.value()),
                duplicates);
          } else if (record.topic().equals(topics.windows())) {
            put(rates, key, windowDecoder.deserialize(record.topic(), record.value()), duplicates);
          } else {
            deadLetters++;
          }
        }
      }
    }
    return new Results(impacts, rates, duplicates, deadLetters);
  }

  /** Each partition's log end offset, committed or not (read_uncommitted). */
  private static Map<TopicPartition, Long> logEndOffsets(
      final String bootstrap, final List<TopicPartition> partitions) throws Exception {
    final Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
      final Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
          .all()
          .get()
          .forEach((p, info) -> ends.put(p, info.offset()));
      return ends;
    }
  }

  /**
   * How many records of output {@code kind} ("impact" or "rates") are visible (read_committed) now;
   * each is decoded with {@code serdes}, which leaves their writer schemas in its registry cache.
   */
  static int visible(
      final String bootstrap,
      final FaultScenario scenario,
      final String kind,
      final TopologySerdes serdes) {
    final var decoder =
        kind.equals("impact")
            ? serdes.avro(RequestImpact.class).deserializer()
            : serdes.avro(ModelImpactWindow.class).deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      final List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < FaultScenario.PARTITIONS; p++) {
        partitions.add(new TopicPartition(scenario.topic(kind), p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      int count = 0;
      final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        for (final var record : consumer.poll(Duration.ofMillis(100))) {
          decoder.deserialize(record.topic(), record.value());
          count++;
        }
      }
      return count;
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(final String bootstrap) {
    final Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static <T> void put(
      final Map<String, T> into, final String key, final T value, final List<String> duplicates) {
    if (into.put(key, value) != null) {
      duplicates.add(key);
    }
  }

  private static <T extends SpecificRecord> Path jsonLines(final Path file, final List<T> records)
      throws IOException {
    final StringBuilder text = new StringBuilder();
    for (final T record : records) {
      text.append(JSON.writeValueAsString(AvroJson.toJson(record))).append('\n');
    }
    return Files.writeString(file, text);
  }

  private static List<JsonNode> lines(final Path file) throws IOException {
    final List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static <T extends SpecificRecord> T convert(final JsonNode line, final Class<T> type)
      throws IOException {
    try {
      return JsonRecords.convert(line.get("value"), type);
    } catch (final Exception e) {
      throw new IOException("replay output does not convert to " + type.getSimpleName(), e);
    }
  }
}
