package io.inferenceimpact.bench.live;

import io.inferenceimpact.binding.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of one {@link LiveBenchmark} run, from {@code --name value} arguments.
 *
 * @param nodes simulated servers
 * @param gpusPerNode GPUs per server
 * @param requestsPerSecond backlog: mean requests per simulated second
 * @param backlog backlog: simulated time pre-loaded before anything reads it
 * @param seed seed of the simulation (fleet, arrivals, routing)
 * @param rate open-loop mode: requests per second produced in real time while the service runs; 0 =
 *     backlog mode
 * @param seconds open-loop mode: how long the producers run
 * @param grace {@code energy.grace} of the service
 * @param intensityWait {@code zones.intensityWait} of the service
 * @param windowsGrace {@code windows.grace} of the service
 * @param workloads which of pipe, dsl, product run (backlog mode), in this order
 * @param warmUp how long each baseline runs over the backlog unmeasured first, in its own JVM
 *     (whole passes)
 * @param quiet how long the outputs of a baseline must stay unchanged to count as drained
 * @param productQuiet the same for the service, whose last results follow the grace on the wall
 *     clock
 * @param phaseLimit the longest one workload may take to drain
 * @param heap heap of each workload's JVM (-Xms and -Xmx)
 * @param out the JSON result file
 */
record LiveSettings(
    int nodes,
    int gpusPerNode,
    double requestsPerSecond,
    Duration backlog,
    long seed,
    double rate,
    int seconds,
    Duration grace,
    Duration intensityWait,
    Duration windowsGrace,
    Set<String> workloads,
    Duration warmUp,
    Duration quiet,
    Duration productQuiet,
    Duration phaseLimit,
    String heap,
    Path out) {

  static final String USAGE =
      """
      usage: LiveBenchmark [--nodes 4] [--gpus-per-node 4] [--gpus N (= nodes x gpus-per-node)]
                           [--rps 50] [--minutes 2] [--seed 42]
                           [--rate R --seconds S (open-loop mode)]
                           [--grace 30s] [--intensity-wait 30s] [--windows-grace 30s]
                           [--workloads pipe,dsl,product] [--warm-up 60s]
                           [--quiet 5s] [--product-quiet 60s]
                           [--phase-limit 15m] [--heap 1g] [--out bench/target/live-result.json]""";

  boolean openLoop() {
    return rate > 0;
  }

  int gpus() {
    return nodes * gpusPerNode;
  }

  static LiveSettings parse(final String[] args) {
    final Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --name value, got '" + args[i] + "'\n" + USAGE);
      }
      a.put(args[i].substring(2), args[++i]);
    }
    final Set<String> known =
        Set.of(
            "nodes",
            "gpus-per-node",
            "gpus",
            "rps",
            "minutes",
            "seed",
            "rate",
            "seconds",
            "grace",
            "intensity-wait",
            "windows-grace",
            "workloads",
            "warm-up",
            "quiet",
            "product-quiet",
            "phase-limit",
            "heap",
            "out");
    for (final String name : a.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
      }
    }
    final int gpusPerNode = Integer.parseInt(a.getOrDefault("gpus-per-node", "4"));
    int nodes = Integer.parseInt(a.getOrDefault("nodes", "4"));
    if (a.containsKey("gpus")) {
      final int gpus = Integer.parseInt(a.get("gpus"));
      if (gpus % gpusPerNode != 0) {
        throw new IllegalArgumentException(
            "--gpus " + gpus + " is not a multiple of --gpus-per-node " + gpusPerNode);
      }
      nodes = gpus / gpusPerNode;
    }
    final Set<String> workloads =
        new LinkedHashSet<>(List.of(a.getOrDefault("workloads", "pipe,dsl,product").split(",")));
    if (!Set.of("pipe", "dsl", "product").containsAll(workloads)) {
      throw new IllegalArgumentException("--workloads: pipe, dsl and/or product, was " + workloads);
    }
    final double rate = Double.parseDouble(a.getOrDefault("rate", "0"));
    final int seconds = Integer.parseInt(a.getOrDefault("seconds", rate > 0 ? "120" : "0"));
    if (rate > 0 && seconds < 1) {
      throw new IllegalArgumentException("--seconds must be >= 1 with --rate");
    }
    return new LiveSettings(
        nodes,
        gpusPerNode,
        Double.parseDouble(a.getOrDefault("rps", "50")),
        Duration.ofSeconds(Math.round(Double.parseDouble(a.getOrDefault("minutes", "2")) * 60)),
        Long.parseLong(a.getOrDefault("seed", "42")),
        rate,
        seconds,
        duration(a, "grace", "30s"),
        duration(a, "intensity-wait", "30s"),
        duration(a, "windows-grace", "30s"),
        workloads,
        duration(a, "warm-up", "60s"),
        duration(a, "quiet", "5s"),
        duration(a, "product-quiet", "60s"),
        duration(a, "phase-limit", "15m"),
        a.getOrDefault("heap", "1g"),
        Path.of(a.getOrDefault("out", "bench/target/live-result.json")));
  }

  private static Duration duration(
      final Map<String, String> a, final String name, final String fallback) {
    final String text = a.getOrDefault(name, fallback);
    return Durations.parse(text)
        .orElseThrow(
            () -> new IllegalArgumentException("--" + name + ": not a duration: '" + text + "'"));
  }
}
