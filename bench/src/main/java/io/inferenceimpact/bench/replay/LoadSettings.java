package io.inferenceimpact.bench.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of one {@link ReplayThroughput} run, from {@code --name value} arguments.
 *
 * @param gpus GPUs in the fleet, each sampled once per simulated second with the energy counter
 * @param groupSize GPUs per model group; every request of a group runs on all its GPUs (tensor
 *     parallel), so one request becomes {@code groupSize} per-GPU copies inside the topology
 * @param requestsPerGroupPerSecond requests ending per simulated second in each group
 * @param models distinct model names, assigned to the groups round-robin
 * @param seconds simulated seconds to generate
 * @param censusEverySeconds simulated seconds between two counts of the state stores
 * @param grace {@code energy.grace} of the topology, or null for the default (10 min)
 * @param csv where the census table is written
 * @param seed seed of the generator (runs are deterministic apart from timing)
 */
record LoadSettings(
    int gpus,
    int groupSize,
    int requestsPerGroupPerSecond,
    int models,
    int seconds,
    int censusEverySeconds,
    Duration grace,
    Path csv,
    long seed) {

  static LoadSettings parse(final String[] args) {
    final Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      given.put(args[i].substring(2), args[i + 1]);
    }
    final LoadSettings settings =
        new LoadSettings(
            Integer.parseInt(given.getOrDefault("gpus", "1000")),
            Integer.parseInt(given.getOrDefault("group-size", "4")),
            Integer.parseInt(given.getOrDefault("requests-per-group", "50")),
            Integer.parseInt(given.getOrDefault("models", "10")),
            Integer.parseInt(given.getOrDefault("seconds", "1800")),
            Integer.parseInt(given.getOrDefault("census-every", "60")),
            given.containsKey("grace") ? Duration.parse(given.get("grace")) : null,
            Path.of(given.getOrDefault("csv", "bench/results/replay-state.csv")),
            Long.parseLong(given.getOrDefault("seed", "1")));
    for (final String name : given.keySet()) {
      if (!KNOWN.containsKey(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + KNOWN);
      }
    }
    if (settings.gpus % settings.groupSize != 0) {
      throw new IllegalArgumentException("--gpus must be a multiple of --group-size");
    }
    return settings;
  }

  private static final Map<String, String> KNOWN =
      Map.of(
          "gpus", "1000",
          "group-size", "4",
          "requests-per-group", "50",
          "models", "10",
          "seconds", "1800",
          "census-every", "60",
          "grace", "ISO-8601, e.g. PT10M",
          "csv", "bench/results/replay-state.csv",
          "seed", "1");

  int groups() {
    return gpus / groupSize;
  }

  /** Input records per simulated second: one sample per GPU plus the requests. */
  long eventsPerSecond() {
    return gpus + (long) groups() * requestsPerGroupPerSecond;
  }
}
