package io.inferenceimpact.bench.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.inferenceimpact.bench.live.RecordsWritten.Kind;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.embedded.LocalSchemaRegistry;
import io.inferenceimpact.runtime.TopicAdmin;
import io.inferenceimpact.simulate.HourlyGridSeries;
import io.inferenceimpact.simulate.KafkaSimulationSink;
import io.inferenceimpact.simulate.Scenario;
import io.inferenceimpact.simulate.SimulationEngine;
import io.inferenceimpact.simulate.Simulator;
import io.inferenceimpact.simulate.SimulatorSettings;
import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.topology.support.Topic;
import io.inferenceimpact.topology.support.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The live benchmark: a real broker in its own JVM, the local Schema Registry, and each workload in
 * its own JVM over the same input topics.
 *
 * <p>Backlog mode (default): pre-loads a simulated backlog ({@link SimulationEngine} through {@link
 * KafkaSimulationSink}, as {@code impact simulate --speed max}), then runs, one after the other,
 * Kafka's transactional consume → produce pipe ({@link PipeWorkload}), a DSL windowed count ({@link
 * DslWorkload}) and the service ({@link ProductWorkload}), each with a fresh group, until it has
 * drained the backlog ({@link DrainWatch}). Reports input events/s end to end and while reading the
 * inputs, process CPU per event, the ratio to the pipe, RSS and state directory size at the end,
 * and the Kafka offsets written per input event.
 *
 * <p>Open-loop mode ({@code --rate R --seconds S}): starts the service on empty topics, produces R
 * requests/s of simulated traffic in real time for S seconds, waits until drained, and reports the
 * latency from request end to impact appended (minus {@code energy.grace}) besides CPU and memory.
 *
 * <p>Prints a table and writes JSON ({@code --out}). Everything it starts it stops, by process id,
 * and every child has its own time limit. Run from the repository root: see {@code bench/live.sh}.
 */
public final class LiveBenchmark {
  private static final String PIPE_OUT = "bench.pipe.out";
  private static final String DSL_OUT = "bench.dsl.out";
  private static final String PIPE_WARM_UP = "bench.pipe.warmup";
  private static final String DSL_WARM_UP = "bench.dsl.warmup";
  private static final Duration STOP_GRACE = Duration.ofSeconds(40);

  private final LiveSettings settings;
  private final Path work;
  private final String runId;
  private final Map<String, Object> json = new LinkedHashMap<>();

  private LiveBenchmark(final LiveSettings settings, final Path work, final String runId) {
    this.settings = settings;
    this.work = work;
    this.runId = runId;
  }

  public static void main(final String[] args) throws Exception {
    final LiveSettings settings;
    try {
      settings = LiveSettings.parse(args);
    } catch (final IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    final String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    final Path work = Path.of("bench", "target", "live", runId).toAbsolutePath();
    Files.createDirectories(work.resolve("tmp"));
    new LiveBenchmark(settings, work, runId).run();
    System.exit(0);
  }

  private void run() throws Exception {
    json.put("run", runId);
    json.put("mode", settings.openLoop() ? "open-loop" : "backlog");
    json.put("settings", settingsJson());
    json.put("machine", machineJson());
    json.put("loadAverageBefore", loadAverage());
    System.out.printf("live benchmark %s, logs in %s%n", runId, work);
    final long brokerLimit =
        (settings.phaseLimit().toSeconds() + 2 * settings.warmUp().toSeconds()) * 4
            + Duration.ofMinutes(30).toSeconds();
    final ChildJvm broker =
        ChildJvm.start(
            "broker",
            List.of("-Xms512m", "-Xmx512m", "-Djava.io.tmpdir=" + work.resolve("tmp")),
            BrokerMain.class,
            List.of(Long.toString(brokerLimit)),
            work);
    LocalSchemaRegistry registry = null;
    try {
      final String bootstrap = broker.await("READY", Duration.ofSeconds(120));
      System.out.printf("broker pid %d at %s%n", broker.pid(), bootstrap);
      registry = LocalSchemaRegistry.builder().logDir(work).start();
      System.out.printf("schema registry at %s%n", registry.url());
      final ImpactConfig config =
          ConfigLoader.load(
              (Path) null,
              Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "SCHEMA_REGISTRY_URL", registry.url()));
      try (KafkaProbe probe = new KafkaProbe(bootstrap)) {
        createTopics(config, probe);
        if (settings.openLoop()) {
          openLoop(config, probe, bootstrap, registry.url());
        } else {
          backlog(config, probe, bootstrap, registry.url());
        }
      }
    } finally {
      if (registry != null) {
        registry.close();
      }
      broker.stop(STOP_GRACE);
    }
    json.put("loadAverageAfter", loadAverage());
    Files.createDirectories(settings.out().toAbsolutePath().getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(settings.out().toFile(), json);
    System.out.println("result written to " + settings.out());
  }

  private void createTopics(final ImpactConfig config, final KafkaProbe probe) throws Exception {
    final Topics topics = Topics.from(config.topics());
    final int partitions = config.topics().partitions();
    final List<Topic<?, ?>> all = new ArrayList<>(topics.all());
    all.add(bytesTopic(PIPE_OUT, partitions));
    all.add(bytesTopic(DSL_OUT, partitions));
    all.add(bytesTopic(PIPE_WARM_UP, partitions));
    all.add(bytesTopic(DSL_WARM_UP, partitions));
    try (TopicAdmin admin = TopicAdmin.connect(config.kafka().properties())) {
      admin.ensure(all);
    }
    // The broker stamps each impact with its append time: the open-loop latency is measured on it.
    final ConfigResource impacts =
        new ConfigResource(ConfigResource.Type.TOPIC, topics.impactRequests().name());
    probe
        .admin()
        .incrementalAlterConfigs(
            Map.of(
                impacts,
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry("message.timestamp.type", "LogAppendTime"),
                        AlterConfigOp.OpType.SET))))
        .all()
        .get();
  }

  private static Topic<byte[], byte[]> bytesTopic(final String name, final int partitions) {
    return new Topic<>(
        name, Serdes.ByteArray(), Serdes.ByteArray(), partitions, -1, Topic.CleanupPolicy.DELETE);
  }

  // ---------------------------------------------------------------- backlog mode

  private void backlog(
      final ImpactConfig config,
      final KafkaProbe probe,
      final String bootstrap,
      final String registryUrl)
      throws Exception {
    final Topics topics = Topics.from(config.topics());
    final Set<String> inputs = inputTopics(topics);
    final long began = System.nanoTime();
    final SimulatorSettings simulation =
        SimulatorSettings.of(
            settings.requestsPerSecond(),
            settings.nodes(),
            settings.gpusPerNode(),
            settings.backlog(),
            Scenario.named("normal"),
            settings.seed(),
            0.0,
            Instant.now());
    final SimulationEngine engine = new SimulationEngine(simulation, HourlyGridSeries.bundled());
    try (KafkaSimulationSink sink =
        new KafkaSimulationSink(
            config.kafka().properties(),
            config.schemaRegistry().clientProperties(),
            config.topics())) {
      while (!engine.finished()) {
        engine.step(sink);
      }
      sink.flush();
    }
    final Map<String, Long> perTopic = Poll.offsets(probe.endOffsets(inputs)).endOffsetsByTopic();
    final long events = perTopic.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "backlog: %d input events %s (%d GPUs, %.0f requests/s, %d simulated s) pre-loaded in %.1f s%n",
        events,
        perTopic,
        settings.gpus(),
        settings.requestsPerSecond(),
        settings.backlog().toSeconds(),
        (System.nanoTime() - began) / 1e9);
    json.put("inputEvents", events);
    json.put("inputEventsByTopic", perTopic);
    final String inputList = String.join(",", inputs);
    final List<Map<String, Object>> results = new ArrayList<>();
    for (final String workload : settings.workloads()) {
      final String id = "bench-" + workload + "-" + runId;
      final Path stateDir = work.resolve("state-" + workload);
      final Map<String, String> args = new LinkedHashMap<>();
      args.put("bootstrap", bootstrap);
      args.put("inputs", inputList);
      final Set<String> outputs;
      final String internalPrefix;
      Duration quiet = settings.quiet();
      switch (workload) {
        case "pipe" -> {
          args.put("expected", Long.toString(events));
          args.put("warmUpSeconds", Long.toString(settings.warmUp().toSeconds()));
          args.put("warmUpOutput", PIPE_WARM_UP);
          args.put("output", PIPE_OUT);
          args.put("group", id);
          outputs = Set.of(PIPE_OUT);
          internalPrefix = null;
        }
        case "dsl" -> {
          args.put("expected", Long.toString(events));
          args.put("warmUpSeconds", Long.toString(settings.warmUp().toSeconds()));
          args.put("warmUpOutput", DSL_WARM_UP);
          args.put("warmUpApplicationId", "bench-dslwarm-" + runId);
          args.put("output", DSL_OUT);
          args.put("applicationId", id);
          args.put("stateDir", stateDir.toString());
          outputs = Set.of(DSL_OUT);
          internalPrefix = id + "-";
        }
        default -> {
          productArgs(args, registryUrl, id, stateDir);
          outputs = outputTopics(topics);
          internalPrefix = id + "-";
          quiet = settings.productQuiet();
        }
      }
      System.out.printf("%s: running (group %s) ...%n", workload, id);
      final Map<String, Object> result =
          phase(
              workload, args, id, inputs, outputs, internalPrefix, stateDir, quiet, probe, events);
      if (workload.equals("product")) {
        putResults(result, bootstrap, topics, perTopic.get(topics.inferenceRequests().name()));
      }
      results.add(result);
      System.out.printf("%s: %s%n", workload, result);
    }
    final Map<String, Object> pipe =
        results.stream().filter(r -> r.get("workload").equals("pipe")).findFirst().orElse(null);
    for (final Map<String, Object> r : results) {
      if (pipe != null && r != pipe) {
        ratio(r, pipe, "eventsPerSecondEndToEnd", "ratioToPipeEndToEnd");
        ratio(r, pipe, "eventsPerSecondReading", "ratioToPipeReading");
        ratio(r, pipe, "eventsPerSecondDraining", "ratioToPipeDraining");
      }
    }
    json.put("workloads", results);
    printBacklogTable(results, events);
  }

  /**
   * The service's exact results (committed records, not offsets): per-request impacts against the
   * requests put in, and the dead letters by reason.
   */
  private static void putResults(
      final Map<String, Object> r,
      final String bootstrap,
      final Topics topics,
      final Long requests) {
    final Duration limit = Duration.ofMinutes(5);
    final long impacts =
        RecordCount.byHeader(bootstrap, topics.impactRequests().name(), null, limit)
            .values()
            .stream()
            .mapToLong(Long::longValue)
            .sum();
    final Map<String, Long> dead =
        RecordCount.byHeader(bootstrap, topics.dlq().name(), DeadLetters.REASON_HEADER, limit);
    r.put("requestsIn", requests == null ? 0L : requests);
    r.put("requestImpactsOut", impacts);
    r.put("deadLettersByReason", dead);
    System.out.printf(
        "service results: %d requests in, %d request impacts out, dead letters by reason %s%n",
        requests, impacts, dead);
  }

  /** {@code r[key] / pipe[key]} as {@code r[ratio]}, when both have the key. */
  private static void ratio(
      final Map<String, Object> r,
      final Map<String, Object> pipe,
      final String key,
      final String ratio) {
    if (r.get(key) instanceof Double mine && pipe.get(key) instanceof Double theirs) {
      r.put(ratio, mine / theirs);
    }
  }

  private Map<String, Object> phase(
      final String workload,
      final Map<String, String> args,
      final String group,
      final Set<String> inputs,
      final Set<String> outputs,
      final String internalPrefix,
      final Path stateDir,
      final Duration quiet,
      final KafkaProbe probe,
      final long events)
      throws Exception {
    final ChildJvm child = startWorker(workload, args);
    try {
      final long startMillis =
          Long.parseLong(
              child.await(
                  "STARTED",
                  Duration.ofSeconds(180).plus(settings.warmUp()).plus(settings.warmUp())));
      final DrainWatch.Outcome outcome =
          new DrainWatch(probe, child, group, inputs, outputs, internalPrefix)
              .watch(quiet, settings.phaseLimit());
      final Map<String, Object> r = new LinkedHashMap<>();
      r.put("workload", workload);
      r.put("pid", child.pid());
      r.put("drained", outcome.drained());
      r.put("inputEvents", events);
      final Poll drained = outcome.drainedAt();
      final double total = (drained.atMillis() - startMillis) / 1000.0;
      r.put("secondsToDrained", total);
      r.put("eventsPerSecondEndToEnd", events / total);
      r.put("cpuSeconds", drained.cpuNanos() / 1e9);
      r.put("cpuMicrosPerEvent", drained.cpuNanos() / 1e3 / events);
      // Without the start-up (JVM, clients, group join, initTransactions, rebalance):
      final long[] marks = drained.marks();
      if (drained.done() && marks[0] >= 0) {
        // A baseline counts its records itself; its outputs are committed with its input offsets
        // (pipe) or within the commit interval (DSL), so reading and draining coincide.
        r.put("phasesFrom", "the workload's own count: first record seen, last record handled");
        final double seconds = (marks[2] - marks[0]) / 1000.0;
        r.put("secondsStartUp", (marks[0] - startMillis) / 1000.0);
        putPhase(r, "Reading", seconds, marks[3] - marks[1], events);
        putPhase(r, "Draining", seconds, marks[3] - marks[1], events);
      } else if (outcome.firstProgress() != null) {
        r.put(
            "phasesFrom",
            "polls every 250 ms: first committed input offsets; inputs all committed; drained");
        final Poll first = outcome.firstProgress();
        r.put("secondsStartUp", (first.atMillis() - startMillis) / 1000.0);
        if (outcome.inputsRead() != null) {
          putPhase(
              r,
              "Reading",
              (outcome.inputsRead().atMillis() - first.atMillis()) / 1000.0,
              outcome.inputsRead().cpuNanos() - first.cpuNanos(),
              events);
        }
        putPhase(
            r,
            "Draining",
            (drained.atMillis() - first.atMillis()) / 1000.0,
            drained.cpuNanos() - first.cpuNanos(),
            events);
      }
      r.put("rssMiB", rssKiB(child.pid()) / 1024.0);
      r.put("stateDirMiB", Files.isDirectory(stateDir) ? size(stateDir) / 1048576.0 : 0.0);
      r.putAll(written(outcome.drainedAt(), inputs, outputs, internalPrefix));
      r.put("log", child.log().toString());
      return r;
    } finally {
      child.stop(STOP_GRACE);
    }
  }

  /** Seconds, events/s and CPU µs per event of one phase, as {@code seconds<Phase>} etc. */
  private static void putPhase(
      final Map<String, Object> r,
      final String phase,
      final double seconds,
      final long cpuNanos,
      final long events) {
    r.put("seconds" + phase, seconds);
    r.put("eventsPerSecond" + phase, seconds > 0 ? events / seconds : Double.NaN);
    r.put("cpuMicrosPerEvent" + phase, cpuNanos / 1e3 / events);
  }

  private ChildJvm startWorker(final String workload, final Map<String, String> args) {
    final List<String> list = new ArrayList<>();
    list.add(workload);
    args.forEach((k, v) -> list.add(k + "=" + v));
    list.add(
        "maxSeconds="
            + (settings.phaseLimit().toSeconds()
                + settings.seconds()
                + 2 * settings.warmUp().toSeconds()
                + 300));
    return ChildJvm.start(
        workload,
        List.of(
            "-Xms" + settings.heap(),
            "-Xmx" + settings.heap(),
            "-Djava.io.tmpdir=" + work.resolve("tmp")),
        WorkerMain.class,
        list,
        work);
  }

  private void productArgs(
      final Map<String, String> args,
      final String registryUrl,
      final String applicationId,
      final Path stateDir) {
    args.put("registry", registryUrl);
    args.put("applicationId", applicationId);
    args.put("stateDir", stateDir.toString());
    args.put("nodes", Integer.toString(settings.nodes()));
    args.put("gpusPerNode", Integer.toString(settings.gpusPerNode()));
    args.put("seed", Long.toString(settings.seed()));
    args.put("env.IMPACT_ENERGY_GRACE", settings.grace().toMillis() + "ms");
    args.put("env.IMPACT_ZONES_INTENSITY_WAIT", settings.intensityWait().toMillis() + "ms");
    args.put("env.IMPACT_WINDOWS_GRACE", settings.windowsGrace().toMillis() + "ms");
  }

  private static Map<String, Object> written(
      final Poll poll, final Set<String> inputs, final Set<String> outputs, final String prefix) {
    final Map<String, Kind> kinds = new TreeMap<>();
    final Map<String, Long> byTopic = poll.endOffsetsByTopic();
    for (final String topic : byTopic.keySet()) {
      final Kind kind =
          inputs.contains(topic)
              ? Kind.INPUT
              : outputs.contains(topic)
                  ? Kind.OUTPUT
                  : prefix == null
                      ? null
                      : RecordsWritten.internalKind(
                          prefix.substring(0, prefix.length() - 1), topic);
      if (kind != null) {
        kinds.put(topic, kind);
      }
    }
    final RecordsWritten w = RecordsWritten.of(byTopic, kinds);
    final Map<String, Object> r = new LinkedHashMap<>();
    r.put("offsetsWrittenOutputs", w.of(Kind.OUTPUT));
    r.put("offsetsWrittenRepartition", w.of(Kind.REPARTITION));
    r.put("offsetsWrittenChangelog", w.of(Kind.CHANGELOG));
    r.put("offsetsWrittenPerInputEvent", w.perInput());
    final Map<String, Long> topics = new TreeMap<>();
    byTopic.forEach(
        (t, end) -> {
          if (kinds.containsKey(t) && kinds.get(t) != Kind.INPUT) {
            topics.put(t, end);
          }
        });
    r.put("endOffsetsByTopic", topics);
    return r;
  }

  private static void printBacklogTable(
      final List<Map<String, Object>> results, final long events) {
    System.out.printf(
        "%n%d input events. start-up: measured start (after a baseline's warm-up; the service's JVM"
            + " start) until the first input record (baselines) or the"
            + " first committed input offsets (service); read: from then until every input was"
            + " handled/committed; drain: from then until the outputs were final; e2e: start-up"
            + " and drain; %% pipe: events/s as a share of the pipe's%n",
        events);
    final String format =
        "%-8s %7s %7s %7s %9s %7s %9s %8s %8s %7s %9s %9s %9s %7s %9s %9s %9s %9s %7s%n";
    System.out.printf(
        format,
        "workload",
        "drained",
        "start s",
        "read s",
        "ev/s read",
        "drain s",
        "ev/s drn",
        "%pipe rd",
        "%pipe dr",
        "e2e s",
        "ev/s e2e",
        "µs/ev dr",
        "µs/ev all",
        "RSS MiB",
        "state MiB",
        "out offs",
        "repart.",
        "changelog",
        "offs/ev");
    for (final Map<String, Object> r : results) {
      System.out.printf(
          format,
          r.get("workload"),
          r.get("drained"),
          num(r, "secondsStartUp", "%.1f", 1),
          num(r, "secondsReading", "%.2f", 1),
          num(r, "eventsPerSecondReading", "%.0f", 1),
          num(r, "secondsDraining", "%.2f", 1),
          num(r, "eventsPerSecondDraining", "%.0f", 1),
          num(r, "ratioToPipeReading", "%.2f", 100),
          num(r, "ratioToPipeDraining", "%.2f", 100),
          num(r, "secondsToDrained", "%.1f", 1),
          num(r, "eventsPerSecondEndToEnd", "%.0f", 1),
          num(r, "cpuMicrosPerEventDraining", "%.1f", 1),
          num(r, "cpuMicrosPerEvent", "%.1f", 1),
          num(r, "rssMiB", "%.0f", 1),
          num(r, "stateDirMiB", "%.1f", 1),
          r.get("offsetsWrittenOutputs"),
          r.get("offsetsWrittenRepartition"),
          r.get("offsetsWrittenChangelog"),
          num(r, "offsetsWrittenPerInputEvent", "%.2f", 1));
    }
    for (final Map<String, Object> r : results) {
      if (r.containsKey("requestImpactsOut")) {
        System.out.printf(
            "service: %s requests in, %s request impacts out, dead letters %s%n",
            r.get("requestsIn"), r.get("requestImpactsOut"), r.get("deadLettersByReason"));
      }
    }
  }

  private static String num(
      final Map<String, Object> r, final String key, final String format, final double factor) {
    final Object value = r.get(key);
    return value instanceof Number n ? String.format(format, n.doubleValue() * factor) : "-";
  }

  // ---------------------------------------------------------------- open-loop mode

  private void openLoop(
      final ImpactConfig config,
      final KafkaProbe probe,
      final String bootstrap,
      final String registryUrl)
      throws Exception {
    final Topics topics = Topics.from(config.topics());
    final Set<String> inputs = inputTopics(topics);
    final Set<String> outputs = outputTopics(topics);
    final String id = "bench-product-" + runId;
    final Path stateDir = work.resolve("state-product");
    final Map<String, String> args = new LinkedHashMap<>();
    args.put("bootstrap", bootstrap);
    productArgs(args, registryUrl, id, stateDir);
    final ChildJvm child = startWorker("product", args);
    try (LatencyProbe latency =
        new LatencyProbe(
            bootstrap,
            config.schemaRegistry().clientProperties(),
            topics.impactRequests().name(),
            settings.grace())) {
      final long startMillis = Long.parseLong(child.await("STARTED", Duration.ofSeconds(180)));
      final long idleCpu = awaitRunning(child);
      latency.start();
      System.out.printf(
          "product RUNNING after %.1f s; producing %.0f requests/s for %d s in real time ...%n",
          (System.currentTimeMillis() - startMillis) / 1000.0, settings.rate(), settings.seconds());
      final long trafficStart = System.currentTimeMillis();
      final SimulatorSettings simulation =
          SimulatorSettings.of(
              settings.rate(),
              settings.nodes(),
              settings.gpusPerNode(),
              Duration.ofSeconds(settings.seconds()),
              Scenario.named("normal"),
              settings.seed(),
              1.0,
              Instant.now());
      try (KafkaSimulationSink sink =
              new KafkaSimulationSink(
                  config.kafka().properties(),
                  config.schemaRegistry().clientProperties(),
                  config.topics());
          Simulator simulator = Simulator.start(simulation, sink)) {
        if (!simulator.awaitFinished(Duration.ofSeconds(settings.seconds() + 120))) {
          throw new IllegalStateException("the simulator did not finish in time");
        }
        if (simulator.failure() != null) {
          throw new IllegalStateException("the simulation failed", simulator.failure());
        }
        sink.flush();
      }
      final long trafficEnd = System.currentTimeMillis();
      final Map<String, Long> perTopic = Poll.offsets(probe.endOffsets(inputs)).endOffsetsByTopic();
      final long events = perTopic.values().stream().mapToLong(Long::longValue).sum();
      final long requests = perTopic.getOrDefault(topics.inferenceRequests().name(), 0L);
      System.out.printf(
          "produced %d input events %s; waiting until drained ...%n", events, perTopic);
      final DrainWatch.Outcome outcome =
          new DrainWatch(probe, child, id, inputs, outputs, id + "-")
              .watch(settings.productQuiet(), settings.phaseLimit());
      // The impacts appended up to the drain are all in by now (the quiet period passed).
      Thread.sleep(2000);
      latency.close();
      if (latency.failure() != null) {
        throw new IllegalStateException("latency probe failed: " + latency.failure());
      }
      final Percentiles p = Percentiles.of(latency.latencies());
      final Map<String, Object> r = new LinkedHashMap<>();
      r.put("workload", "product");
      r.put("pid", child.pid());
      r.put("drained", outcome.drained());
      r.put("inputEvents", events);
      r.put("inputEventsByTopic", perTopic);
      r.put("requests", requests);
      r.put("requestImpactsSeen", p.count());
      r.put("trafficSeconds", (trafficEnd - trafficStart) / 1000.0);
      r.put("offeredEventsPerSecond", events / ((trafficEnd - trafficStart) / 1000.0));
      r.put(
          "secondsFromTrafficEndToDrained", (outcome.drainedAt().atMillis() - trafficEnd) / 1000.0);
      final long cpu = outcome.drainedAt().cpuNanos() - idleCpu;
      r.put("cpuSecondsFromTrafficStart", cpu / 1e9);
      r.put("cpuMicrosPerEvent", cpu / 1e3 / events);
      if (p.count() > 0) {
        r.put("latencyMillisMinusGraceP50", p.percentile(50));
        r.put("latencyMillisMinusGraceP99", p.percentile(99));
        r.put("latencyMillisMinusGraceMax", p.max());
      }
      r.put("rssMiB", rssKiB(child.pid()) / 1024.0);
      r.put("stateDirMiB", Files.isDirectory(stateDir) ? size(stateDir) / 1048576.0 : 0.0);
      r.putAll(written(outcome.drainedAt(), inputs, outputs, id + "-"));
      r.put("log", child.log().toString());
      putResults(r, bootstrap, topics, requests);
      json.put("workloads", List.of(r));
      System.out.printf("%nopen loop: %s%n", r);
      System.out.printf(
          "%nrequests %d, impacts seen %d; latency request end -> impact appended, minus grace %s:"
              + " p50 %s ms, p99 %s ms, max %s ms; CPU %.1f µs/event; RSS %.0f MiB; state %.1f MiB;"
              + " offsets written per input event %.2f%n",
          requests,
          p.count(),
          settings.grace(),
          r.getOrDefault("latencyMillisMinusGraceP50", "-"),
          r.getOrDefault("latencyMillisMinusGraceP99", "-"),
          r.getOrDefault("latencyMillisMinusGraceMax", "-"),
          (double) r.get("cpuMicrosPerEvent"),
          (double) r.get("rssMiB"),
          (double) r.get("stateDirMiB"),
          (double) r.get("offsetsWrittenPerInputEvent"));
    } finally {
      child.stop(STOP_GRACE);
    }
  }

  /** Waits until the service is RUNNING; returns its CPU time then (startup, not traffic). */
  private static long awaitRunning(final ChildJvm child) throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      final String[] sample = child.ask("SAMPLE", Duration.ofSeconds(30)).split(" ");
      if (!"-".equals(sample[2])) {
        throw new IllegalStateException("the service failed: " + sample[2]);
      }
      if (sample[1].equals("RUNNING")) {
        return Long.parseLong(sample[0]);
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the service did not reach RUNNING within 180 s");
  }

  // ---------------------------------------------------------------- helpers

  private static Set<String> inputTopics(final Topics topics) {
    return new LinkedHashSet<>(
        List.of(
            topics.inferenceRequests().name(),
            topics.gpuMetrics().name(),
            topics.gridIntensity().name()));
  }

  private static Set<String> outputTopics(final Topics topics) {
    return new LinkedHashSet<>(
        List.of(
            topics.impactRequests().name(),
            topics.modelRates().name(),
            topics.alerts().name(),
            topics.dlq().name()));
  }

  /** VmRSS of the process from /proc/PID/status, in KiB; -1 when unreadable. */
  static long rssKiB(final long pid) {
    try {
      for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (final IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static long size(final Path dir) throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (final Path p : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(p)) {
            total += Files.size(p);
          }
        } catch (final NoSuchFileException gone) {
          // RocksDB removed it meanwhile
        }
      }
    } catch (final java.io.UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e;
      }
    }
    return total;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (final IOException e) {
      return "unknown";
    }
  }

  private Map<String, Object> settingsJson() {
    final Map<String, Object> s = new LinkedHashMap<>();
    s.put("nodes", settings.nodes());
    s.put("gpusPerNode", settings.gpusPerNode());
    s.put("gpus", settings.gpus());
    s.put("seed", settings.seed());
    if (settings.openLoop()) {
      s.put("rate", settings.rate());
      s.put("seconds", settings.seconds());
    } else {
      s.put("requestsPerSecond", settings.requestsPerSecond());
      s.put("backlogSeconds", settings.backlog().toSeconds());
      s.put("workloads", List.copyOf(settings.workloads()));
      s.put("baselineWarmUp", settings.warmUp().toString());
    }
    s.put("energyGrace", settings.grace().toString());
    s.put("zonesIntensityWait", settings.intensityWait().toString());
    s.put("windowsGrace", settings.windowsGrace().toString());
    s.put("quiet", settings.quiet().toString());
    s.put("productQuiet", settings.productQuiet().toString());
    s.put("heap", settings.heap());
    return s;
  }

  private static Map<String, Object> machineJson() {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    m.put("javaVersion", System.getProperty("java.version"));
    m.put("javaVm", System.getProperty("java.vm.name"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return m;
  }
}
