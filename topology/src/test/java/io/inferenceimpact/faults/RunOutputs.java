package io.inferenceimpact.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.replay.AvroJson;
import io.inferenceimpact.replay.InputKind;
import io.inferenceimpact.replay.JsonRecords;
import io.inferenceimpact.replay.Replay;
import io.inferenceimpact.topology.TopologySerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the {@link Results} of a run come from: the deterministic replay of the scenario (the
 * fault-free baseline: the same topology and configuration on Kafka Streams' test driver, see
 * {@link Replay}), or the output topics of a real run, read with read_committed until the expected
 * number of distinct results arrived (bounded), then one more second for anything that would arrive
 * twice.
 */
final class RunOutputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunOutputs() {}

  /** Runs the scenario through {@code impact replay}'s engine and reads its output files. */
  static Results replay(final FaultScenario scenario, final ImpactConfig config, final Path dir)
      throws IOException {
    final Path in = Files.createDirectories(dir.resolve("replay-in"));
    final Path out = dir.resolve("replay-out");
    final Map<InputKind, Path> inputs = new LinkedHashMap<>();
    inputs.put(InputKind.REQUESTS, jsonLines(in.resolve("requests.jsonl"), scenario.requests));
    inputs.put(InputKind.GPU_SAMPLES, jsonLines(in.resolve("gpu.jsonl"), scenario.samples));
    inputs.put(InputKind.GRID, jsonLines(in.resolve("grid.jsonl"), scenario.grid));
    new Replay(config).run(inputs, out, new PrintWriter(Writer.nullWriter()));
    final Map<String, RequestImpact> requests = new TreeMap<>();
    final Map<String, ModelImpactWindow> windows = new TreeMap<>();
    final List<String> duplicates = new ArrayList<>();
    for (final JsonNode line : lines(out.resolve(scenario.topic("impact") + ".jsonl"))) {
      put(requests, line.get("key").asText(), convert(line, RequestImpact.class), duplicates);
    }
    for (final JsonNode line : lines(out.resolve(scenario.topic("rates") + ".jsonl"))) {
      put(windows, line.get("key").asText(), convert(line, ModelImpactWindow.class), duplicates);
    }
    final long deadLetters = lines(out.resolve(scenario.topic("dlq") + ".jsonl")).size();
    return new Results(requests, windows, duplicates, deadLetters);
  }

  /**
   * Reads a real run's outputs until as many results as the baseline's arrived (or {@code limit}
   * passed) and lists how they differ from the baseline: empty when the run was exact.
   */
  static List<String> differencesFrom(
      final Results baseline,
      final String bootstrap,
      final FaultScenario scenario,
      final TopologySerdes serdes,
      final Duration limit) {
    return baseline.differencesFrom(
        consume(
            bootstrap,
            scenario,
            serdes,
            scenario.expectedRequests(),
            baseline.windows().size(),
            limit));
  }

  /**
   * Reads the output topics of a real run (read_committed) until {@code requests} request impacts
   * and {@code windows} windows arrived or {@code limit} passed, then one more second.
   */
  static Results consume(
      final String bootstrap,
      final FaultScenario scenario,
      final TopologySerdes serdes,
      final int requests,
      final int windows,
      final Duration limit) {
    final Map<String, RequestImpact> impacts = new TreeMap<>();
    final Map<String, ModelImpactWindow> rates = new TreeMap<>();
    final List<String> duplicates = new ArrayList<>();
    long deadLetters = 0;
    final var impactDecoder = serdes.avro(RequestImpact.class).deserializer();
    final var windowDecoder = serdes.avro(ModelImpactWindow.class).deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      final List<TopicPartition> partitions = new ArrayList<>();
      for (final String kind : List.of("impact", "rates", "dlq")) {
        for (int p = 0; p < FaultScenario.PARTITIONS; p++) {
          partitions.add(new TopicPartition(scenario.topic(kind), p));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + limit.toNanos();
      long extraUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, extraUntil)) {
        for (final var record : consumer.poll(Duration.ofMillis(200))) {
          final String key = new String(record.key(), StandardCharsets.UTF_8);
          if (record.topic().equals(scenario.topic("impact"))) {
            put(
                impacts,
                key,
                impactDecoder.deserialize(record.topic(), record.value()),
                duplicates);
          } else if (record.topic().equals(scenario.topic("rates"))) {
            put(rates, key, windowDecoder.deserialize(record.topic(), record.value()), duplicates);
          } else {
            deadLetters++;
          }
        }
        if (extraUntil == Long.MAX_VALUE && impacts.size() >= requests && rates.size() >= windows) {
          extraUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return new Results(impacts, rates, duplicates, deadLetters);
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

  private static <T extends SpecificRecord> Path jsonLines(
      final Path file, final List<Map.Entry<String, T>> records) throws IOException {
    final StringBuilder text = new StringBuilder();
    for (final var entry : records) {
      text.append(JSON.writeValueAsString(AvroJson.toJson(entry.getValue()))).append('\n');
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
