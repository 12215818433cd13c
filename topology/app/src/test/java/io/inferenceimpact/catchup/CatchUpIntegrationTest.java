package io.inferenceimpact.catchup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.replay.AvroJson;
import io.inferenceimpact.replay.InputKind;
import io.inferenceimpact.replay.Replay;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One answer however the data arrives: the same {@link FleetScenario} (20 minutes of event time, 16
 * measured GPUs on four nodes, a node without telemetry, hosted-API requests, grid changes every
 * five minutes, a GPU that goes silent) processed three ways gives identical per-request and
 * per-model results (counts exact, every field equal, floating-point fields within 1e-9 relative),
 * none late, no dead letter:
 *
 * <ol>
 *   <li>{@code impact replay}'s engine over the inputs as JSON lines (the baseline);
 *   <li>paced: the application runs on the real broker (exactly-once, three partitions per topic)
 *       while the inputs are produced in event-time order at {@value #PACE} times real time;
 *   <li>catch-up: a second application (fresh application id) is started only after every input is
 *       on the broker, minutes behind, and reads the backlog, its partitions in whatever order.
 * </ol>
 *
 * Energy grace 2 minutes, 1-minute windows. {@code -Dimpact.catchup.pace=1} paces the second run in
 * real time (20 minutes).
 */
class CatchUpIntegrationTest {
  private static final int PACE = Integer.getInteger("impact.catchup.pace", 40);
  private static final int MINUTES = 20;
  private static final int PARTITIONS = 3;
  private static final Duration FIRST = Duration.ofSeconds(10);
  private static final double RELATIVE = 1e-9;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
  void shouldGiveTheSameResultsPacedOnCatchUpAndInReplay() throws Exception {
    final FleetScenario fleet = new FleetScenario(20261203L, MINUTES);
    final String inputs = SharedInfrastructure.unique("catchup-in");
    final String registry = SharedInfrastructure.registry().url();
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final TopologySerdes serdes =
        new TopologySerdes(
            SchemaRegistryClient.create(Map.of("schema.registry.url", registry)), Map.of());
    final Path dir = Files.createDirectories(Path.of("target/tmp", inputs));

    final Outputs baseline = replay(fleet, config(inputs, inputs), dir);
    assertThat(baseline.requests).hasSize(fleet.requests.size());
    assertThat(baseline.windows).isNotEmpty();
    assertThat(baseline.deadLetters).isZero();
    assertThat(baseline.duplicates).isEmpty();
    // Mixed fleet (measured, MIXED and estimated requests of the same models): the all-tenant
    // windows hold every request's GPU energy, and idle energy besides; the live runs below must
    // equal these windows field by field.
    final List<JsonNode> allTenants =
        baseline.windows.values().stream().filter(w -> w.get("tenant").isNull()).toList();
    final double windowGpu =
        allTenants.stream().mapToDouble(w -> w.get("gpu_energy_joules").asDouble()).sum();
    final double requestGpu =
        baseline.requests.values().stream()
            .mapToDouble(r -> r.get("gpu_energy_joules").asDouble())
            .sum();
    assertThat(windowGpu).isCloseTo(requestGpu, within(RELATIVE * requestGpu));
    assertThat(allTenants.stream().mapToDouble(w -> w.get("idle_energy_joules").asDouble()).sum())
        .isPositive();

    final ImpactConfig paced = config(inputs, SharedInfrastructure.unique("catchup-paced"));
    final ImpactConfig backlog = config(inputs, SharedInfrastructure.unique("catchup-backlog"));
    SharedInfrastructure.createTopics(paced);
    SharedInfrastructure.createTopics(backlog);

    final Timeline timeline = Timeline.of(fleet, paced, serdes);
    try (var producer = producer(bootstrap)) {
      // The grid's history and the first seconds of traffic are there when the application
      // starts, as on a live system: an input partition it finds empty for 5 s is quiet, and its
      // watermark then follows the wall clock, which this scenario's past event times lag.
      timeline.sendFirst(producer, FIRST);
      try (KafkaStreams live = start(paced, serdes)) {
        timeline.sendRest(producer, FIRST, PACE);
        // The last windows close once the quiet inputs' watermarks have moved past them by both
        // graces at the wall clock's pace: about four minutes after the last input.
        final Outputs out = outputsOf(paced, serdes, bootstrap, baseline, Duration.ofMinutes(6));
        assertThat(differences(baseline, out)).as("paced run vs replay").isEmpty();
      }
    }
    try (KafkaStreams catchUp = start(backlog, serdes)) {
      final Outputs out = outputsOf(backlog, serdes, bootstrap, baseline, Duration.ofMinutes(7));
      assertThat(differences(baseline, out)).as("catch-up run vs replay").isEmpty();
    }
  }

  private static ImpactConfig config(final String inputs, final String app) throws Exception {
    final Properties p = new Properties();
    SharedInfrastructure.ownTopics(p, app, PARTITIONS);
    p.setProperty("kafka.application.id", app);
    p.setProperty("topics.inferenceRequests", inputs + ".requests");
    p.setProperty("topics.gpuMetrics", inputs + ".gpu");
    p.setProperty("topics.gridIntensity", inputs + ".grid");
    p.setProperty("energy.slotSize", "5s");
    p.setProperty("energy.maxSampleGap", "30s");
    p.setProperty("energy.grace", "2m");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    p.setProperty("zones.intensityWait", "2m");
    p.setProperty("windows.size", "1m");
    p.setProperty("windows.grace", "30s");
    p.setProperty("metrics.enabled", "false");
    // Paced 40 times faster than real time, the default 10-minute dedup window lasts 15 s of wall
    // clock: a copy re-sent by a retrying producer after that would pass as a new request.
    p.setProperty("ingest.dedupWindow", "1h");
    FleetScenario.nodeZones()
        .forEach((node, zone) -> p.setProperty("fleet.nodes[" + node + "].zone", zone));
    return ConfigLoader.load(p, Map.of());
  }

  private static KafkaStreams start(final ImpactConfig config, final TopologySerdes serdes) {
    final String app = config.kafka().asProperties().getProperty("application.id");
    final Properties props = SharedInfrastructure.streamsProperties(app);
    final KafkaStreams streams = new KafkaStreams(ImpactTopology.build(config, serdes), props);
    streams.start();
    // Input follows at once: a source task that reads nothing for a while after it started is
    // idle, and its watermark then follows the wall clock (StampProcessor).
    await("application " + app + " running")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
    return streams;
  }

  /** What a run wrote, each output as JSON (as {@code impact replay} writes it), by key. */
  private record Outputs(
      Map<String, JsonNode> requests,
      Map<String, JsonNode> windows,
      List<String> duplicates,
      int deadLetters,
      Map<String, Integer> deadLetterReasons) {
    Outputs(
        final Map<String, JsonNode> requests,
        final Map<String, JsonNode> windows,
        final List<String> duplicates,
        final int deadLetters) {
      this(requests, windows, duplicates, deadLetters, new TreeMap<>());
    }
  }

  private static Outputs replay(
      final FleetScenario fleet, final ImpactConfig config, final Path dir) throws Exception {
    final Path in = Files.createDirectories(dir.resolve("replay-in"));
    final Map<InputKind, Path> files = new EnumMap<>(InputKind.class);
    files.put(InputKind.REQUESTS, jsonLines(in.resolve("requests.jsonl"), fleet.requests));
    files.put(InputKind.GPU_SAMPLES, jsonLines(in.resolve("gpu.jsonl"), fleet.samples));
    files.put(InputKind.GRID, jsonLines(in.resolve("grid.jsonl"), fleet.grid));
    final Path out = dir.resolve("replay-out");
    new Replay(config).run(files, out, new PrintWriter(Writer.nullWriter()));
    final Outputs outputs = new Outputs(new TreeMap<>(), new TreeMap<>(), new ArrayList<>(), 0);
    read(out.resolve(config.topics().impactRequests() + ".jsonl"), outputs.requests, outputs);
    read(out.resolve(config.topics().modelRates() + ".jsonl"), outputs.windows, outputs);
    final Path dlq = out.resolve(config.topics().dlq() + ".jsonl");
    final int dead = Files.exists(dlq) ? Files.readAllLines(dlq).size() : 0;
    return new Outputs(outputs.requests, outputs.windows, outputs.duplicates, dead);
  }

  private static void read(final Path file, final Map<String, JsonNode> into, final Outputs outputs)
      throws Exception {
    for (final String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        final JsonNode node = JSON.readTree(line);
        if (into.put(node.get("key").asText(), node.get("value")) != null) {
          outputs.duplicates.add(node.get("key").asText());
        }
      }
    }
  }

  private static <T extends SpecificRecord> Path jsonLines(
      final Path file, final List<Map.Entry<String, T>> records) throws Exception {
    final StringBuilder text = new StringBuilder();
    for (final var entry : records) {
      text.append(JSON.writeValueAsString(AvroJson.toJson(entry.getValue()))).append('\n');
    }
    return Files.writeString(file, text);
  }

  private static KafkaProducer<String, byte[]> producer(final String bootstrap) {
    final Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, Serdes.String().serializer(), new ByteArraySerializer());
  }

  /** Every input in event-time order, the grid's history first. */
  private record Timeline(List<Timed> history, List<Timed> events) {
    record Timed(long time, String topic, String key, byte[] value) {}

    static Timeline of(
        final FleetScenario fleet, final ImpactConfig config, final TopologySerdes serdes) {
      final List<Timed> all = new ArrayList<>();
      final String grid = config.topics().gridIntensity();
      final String gpu = config.topics().gpuMetrics();
      final String requests = config.topics().inferenceRequests();
      for (final var e : fleet.grid) {
        all.add(
            new Timed(
                e.getValue().getValidFrom().toEpochMilli(),
                grid,
                e.getKey(),
                serdes.avro(GridIntensity.class).serializer().serialize(grid, e.getValue())));
      }
      for (final var e : fleet.samples) {
        all.add(
            new Timed(
                e.getValue().getTime().toEpochMilli(),
                gpu,
                e.getKey(),
                serdes.avro(GpuSample.class).serializer().serialize(gpu, e.getValue())));
      }
      for (final var e : fleet.requests) {
        all.add(
            new Timed(
                e.getValue().getEndTime().toEpochMilli(),
                requests,
                e.getKey(),
                serdes
                    .avro(InferenceRequest.class)
                    .serializer()
                    .serialize(requests, e.getValue())));
      }
      all.sort(Comparator.comparingLong(Timed::time));
      final List<Timed> history = all.stream().filter(t -> t.topic().equals(grid)).toList();
      final List<Timed> events = new ArrayList<>(all);
      events.removeAll(history);
      return new Timeline(history, events);
    }

    /** The grid's history and the events of the first {@code span} of event time, at once. */
    void sendFirst(final KafkaProducer<String, byte[]> producer, final Duration span) {
      history.forEach(t -> send(producer, t));
      final long until = events.get(0).time() + span.toMillis();
      events.stream().filter(t -> t.time() < until).forEach(t -> send(producer, t));
      producer.flush();
    }

    /** The remaining events, {@code pace} times faster than real time. */
    void sendRest(final KafkaProducer<String, byte[]> producer, final Duration sent, final int pace)
        throws InterruptedException {
      final long from = events.get(0).time() + sent.toMillis();
      final long wallStart = System.currentTimeMillis();
      for (final Timed t : events) {
        if (t.time() < from) {
          continue;
        }
        final long due = wallStart + (t.time() - from) / pace;
        final long wait = due - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        send(producer, t);
      }
      producer.flush();
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final Timed t) {
      producer.send(new ProducerRecord<>(t.topic(), t.key(), t.value()));
    }
  }

  /**
   * Reads the run's outputs from the beginning until it has as many per-request results and windows
   * as the baseline (or {@code limit} passed), then three seconds more, so that a late duplicate
   * would still be seen.
   */
  private static Outputs outputsOf(
      final ImpactConfig config,
      final TopologySerdes serdes,
      final String bootstrap,
      final Outputs baseline,
      final Duration limit) {
    final Outputs out = new Outputs(new TreeMap<>(), new TreeMap<>(), new ArrayList<>(), 0);
    int dead = 0;
    final Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final String impacts = config.topics().impactRequests();
    final String rates = config.topics().modelRates();
    final String dlq = config.topics().dlq();
    final Deserializer<RequestImpact> impactValues =
        serdes.avro(RequestImpact.class).deserializer();
    final Deserializer<ModelImpactWindow> windowValues =
        serdes.avro(ModelImpactWindow.class).deserializer();
    try (var consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      for (final String topic : List.of(impacts, rates, dlq)) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + limit.toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (final var record : consumer.poll(Duration.ofMillis(200))) {
          final String key = new String(record.key(), StandardCharsets.UTF_8);
          if (record.topic().equals(dlq)) {
            dead++;
            final var reason = record.headers().lastHeader(DeadLetters.REASON_HEADER);
            out.deadLetterReasons.merge(
                reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8),
                1,
                Integer::sum);
          } else if (record.topic().equals(impacts)) {
            put(
                out,
                out.requests,
                key,
                AvroJson.toJson(impactValues.deserialize(impacts, record.value())));
          } else {
            put(
                out,
                out.windows,
                key,
                AvroJson.toJson(windowValues.deserialize(rates, record.value())));
          }
        }
        if (quietUntil == Long.MAX_VALUE
            && out.requests.size() >= baseline.requests.size()
            && out.windows.size() >= baseline.windows.size()) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        }
      }
    }
    return new Outputs(out.requests, out.windows, out.duplicates, dead, out.deadLetterReasons);
  }

  private static void put(
      final Outputs out, final Map<String, JsonNode> into, final String key, final JsonNode value) {
    if (into.put(key, value) != null) {
      out.duplicates.add(key);
    }
  }

  /** Every way {@code actual} differs from {@code expected}; empty when they agree. */
  private static List<String> differences(final Outputs expected, final Outputs actual) {
    final List<String> out = new ArrayList<>();
    if (!actual.duplicates.isEmpty()) {
      out.add("duplicated keys: " + actual.duplicates);
    }
    if (actual.deadLetters != expected.deadLetters) {
      out.add(
          "dead letters: "
              + actual.deadLetters
              + " "
              + actual.deadLetterReasons
              + ", expected "
              + expected.deadLetters);
    }
    compare("request", expected.requests, actual.requests, out);
    compare("window", expected.windows, actual.windows, out);
    return out.size() > 40 ? out.subList(0, 40) : out;
  }

  private static void compare(
      final String kind,
      final Map<String, JsonNode> expected,
      final Map<String, JsonNode> actual,
      final List<String> out) {
    expected.keySet().stream()
        .filter(k -> !actual.containsKey(k))
        .forEach(k -> out.add(kind + " " + k + ": missing"));
    actual.keySet().stream()
        .filter(k -> !expected.containsKey(k))
        .forEach(k -> out.add(kind + " " + k + ": not in the replay"));
    expected.forEach(
        (key, e) -> {
          final JsonNode a = actual.get(key);
          if (a != null) {
            for (final Iterator<String> names = e.fieldNames(); names.hasNext(); ) {
              final String name = names.next();
              if (!same(e.get(name), a.get(name))) {
                out.add(
                    kind
                        + " "
                        + key
                        + " ."
                        + name
                        + ": "
                        + a.get(name)
                        + ", replay "
                        + e.get(name));
              }
            }
          }
        });
  }

  private static boolean same(final JsonNode expected, final JsonNode actual) {
    if (expected != null && actual != null && expected.isNumber() && actual.isNumber()) {
      final double e = expected.asDouble();
      final double a = actual.asDouble();
      return Math.abs(e - a) <= RELATIVE * Math.max(Math.abs(e), Math.abs(a))
          || Math.abs(e - a) < 1e-12;
    }
    return expected == null ? actual == null || actual.isNull() : expected.equals(actual);
  }
}
