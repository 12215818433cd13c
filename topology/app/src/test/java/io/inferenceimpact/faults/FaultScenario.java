package io.inferenceimpact.faults;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongPredicate;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The fixed input of the fault tests and the configuration they run it with. Per episode of 12 s of
 * event time: four GPUs on two nodes (node-2 in zone FR) sampled every second with a deterministic
 * power pattern, 24 requests of three models (every fifth on two GPUs), and grid values for WORLD
 * and FR, one of which changes mid-episode. Event times lie in the recent past (the last episode
 * ends at least a minute before the scenario is made). The configuration ({@link
 * #configProperties}) sets 5 s slots and windows, a sample-gap limit of 2 s, an energy grace of 18
 * s and a window grace of 14 s — both longer than an episode, so that no result depends on which
 * input a task happens to read first — each plus the seconds given to {@link #allowStalls}.
 */
final class FaultScenario {
  static final int PARTITIONS = 3;
  static final long EPISODE_MILLIS = 12_000;
  static final int REQUESTS_PER_EPISODE = 24;
  private static final String[] GPUS = {"GPU-A", "GPU-B", "GPU-C", "GPU-D"};
  private static final String[] MODELS = {"m-alpha", "m-beta", "m-gamma"};

  final String id;
  final long baseMillis;
  final List<Map.Entry<String, GpuSample>> samples = new ArrayList<>();
  final List<Map.Entry<String, InferenceRequest>> requests = new ArrayList<>();
  final List<Map.Entry<String, GridIntensity>> grid = new ArrayList<>();
  private int stallSeconds;

  /**
   * @param prefix names the topics and the application id
   * @param episodeOffsetsMillis where each episode starts, after the base (e.g. 0, or 0 and 60 000)
   */
  FaultScenario(final String prefix, final long... episodeOffsetsMillis) {
    this.id = SharedInfrastructure.unique(prefix);
    final long lastOffset = episodeOffsetsMillis[episodeOffsetsMillis.length - 1];
    // Aligned to a 5 s window; the last episode ends at least a minute before now.
    this.baseMillis =
        (System.currentTimeMillis() - lastOffset - EPISODE_MILLIS - 60_000) / 5_000 * 5_000;
    grid.add(Map.entry("WORLD", intensity("WORLD", baseMillis - 60_000, 420.0)));
    grid.add(Map.entry("FR", intensity("FR", baseMillis - 60_000, 48.5)));
    int episode = 0;
    for (final long offset : episodeOffsetsMillis) {
      addEpisode(episode++, baseMillis + offset);
    }
  }

  private void addEpisode(final int episode, final long start) {
    grid.add(Map.entry("WORLD", intensity("WORLD", start + 6_000, 310.0 + 7 * episode)));
    for (long t = 0; t <= EPISODE_MILLIS; t += 1_000) {
      for (int g = 0; g < GPUS.length; g++) {
        final double watts = 150.0 + 37.0 * ((t / 1_000 * 7 + g * 3) % 11) + 0.125 * g;
        samples.add(
            Map.entry(
                GPUS[g],
                GpuSample.newBuilder()
                    .setNode(g < 2 ? "node-1" : "node-2")
                    .setGpuUuid(GPUS[g])
                    .setTime(Instant.ofEpochMilli(start + t))
                    .setPowerWatts(watts)
                    .build()));
      }
    }
    for (int i = 0; i < REQUESTS_PER_EPISODE; i++) {
      final int g = i % GPUS.length;
      final List<String> gpus =
          i % 5 == 0 ? List.of(GPUS[g - g % 2], GPUS[g - g % 2 + 1]) : List.of(GPUS[g]);
      final long begin = start + (i * 400L) % 8_000;
      final long end = begin + 1_000 + (i * 700L) % 3_000;
      final String requestId = "req-" + episode + "-" + i;
      requests.add(
          Map.entry(
              requestId,
              InferenceRequest.newBuilder()
                  .setRequestId(requestId)
                  .setModel(MODELS[i % MODELS.length])
                  .setNode(g < 2 ? "node-1" : "node-2")
                  .setGpuUuids(gpus)
                  .setStartTime(Instant.ofEpochMilli(begin))
                  .setEndTime(Instant.ofEpochMilli(end))
                  .setInputTokens(100 + 37 * i)
                  .setOutputTokens(50 + 91 * i)
                  .build()));
    }
  }

  private static GridIntensity intensity(
      final String zone, final long validFromMillis, final double gramsPerKwh) {
    return GridIntensity.newBuilder()
        .setZone(zone)
        .setValidFrom(Instant.ofEpochMilli(validFromMillis))
        .setIntensityGPerKwh(gramsPerKwh)
        .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
        .setEstimated(false)
        .setSource("fault-test")
        .build();
  }

  /**
   * Adds {@code seconds} to the sample-gap limit and to both graces. A running instance whose input
   * stalls (broker away, rebalance and restore, a pause between input phases) sees its event
   * horizon move on with the wall clock meanwhile (see EventHorizon): a GPU silent on the horizon
   * for longer than the gap limit gets an unmeasured gap, a slot or window past its grace closes.
   * Results stay exact while a stall is shorter than those limits. A killed instance does not need
   * it: a restarted task's horizon starts again from its stream time.
   */
  FaultScenario allowStalls(final int seconds) {
    this.stallSeconds = seconds;
    return this;
  }

  String topic(final String kind) {
    return id + "." + kind;
  }

  /** The configuration file's keys, as {@code impact run --config} reads them. */
  Properties configProperties(
      final String bootstrap, final String registryUrl, final Path stateDir, final int standbys) {
    final Properties p = new Properties();
    p.setProperty("kafka.application.id", id);
    p.setProperty("kafka.bootstrap.servers", bootstrap);
    p.setProperty("kafka.state.dir", stateDir.toAbsolutePath().toString());
    p.setProperty("kafka.num.standby.replicas", String.valueOf(standbys));
    p.setProperty("kafka.commit.interval.ms", "200");
    p.setProperty("kafka.replication.factor", "1");
    // A lost instance is noticed in seconds, not the default 45 s.
    p.setProperty("kafka.session.timeout.ms", "6000");
    p.setProperty("kafka.heartbeat.interval.ms", "1000");
    p.setProperty("schemaRegistry.url", registryUrl);
    SharedInfrastructure.ownTopics(p, id, PARTITIONS);
    p.setProperty("fleet.nodes[node-2].zone", "FR");
    p.setProperty("energy.slotSize", "5s");
    p.setProperty("energy.maxSampleGap", (2 + stallSeconds) + "s");
    p.setProperty("energy.grace", (18 + stallSeconds) + "s");
    // Estimated requests wait as long for their grid values as measured ones for their samples.
    p.setProperty("zones.intensityWait", (18 + stallSeconds) + "s");
    p.setProperty("windows.size", "5s");
    p.setProperty("windows.grace", (14 + stallSeconds) + "s");
    p.setProperty("metrics.enabled", "false");
    return p;
  }

  ImpactConfig config(final Properties properties) throws Exception {
    return ConfigLoader.load(properties, Map.of());
  }

  Path writeConfig(final Properties properties, final Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, "fault test " + id);
    }
    return file;
  }

  /**
   * Creates every topic the application reads or writes on {@code broker}, {@link #PARTITIONS}
   * each, as {@code impact topics create} would.
   */
  void createTopics(final EmbeddedKafkaBroker broker) throws Exception {
    final Properties topics = new Properties();
    SharedInfrastructure.ownTopics(topics, id, PARTITIONS);
    SharedInfrastructure.createTopics(broker.adminClientProperties(), config(topics));
  }

  int expectedRequests() {
    return requests.size();
  }

  /** Produces the inputs whose event time (offset from the base) passes {@code which}. */
  void produce(final String bootstrap, final TopologySerdes serdes, final LongPredicate which) {
    KafkaTestClients.produce(
        bootstrap,
        topic("grid"),
        Serdes.String().serializer(),
        serdes.avro(GridIntensity.class).serializer(),
        grid.stream()
            .filter(e -> which.test(e.getValue().getValidFrom().toEpochMilli() - baseMillis))
            .toList());
    KafkaTestClients.produce(
        bootstrap,
        topic("gpu"),
        Serdes.String().serializer(),
        serdes.avro(GpuSample.class).serializer(),
        samples.stream()
            .filter(e -> which.test(e.getValue().getTime().toEpochMilli() - baseMillis))
            .toList());
    KafkaTestClients.produce(
        bootstrap,
        topic("requests"),
        Serdes.String().serializer(),
        serdes.avro(InferenceRequest.class).serializer(),
        requests.stream()
            .filter(e -> which.test(e.getValue().getEndTime().toEpochMilli() - baseMillis))
            .toList());
  }

  List<String> inputTopics() {
    return List.of(topic("requests"), topic("gpu"), topic("grid"));
  }
}
