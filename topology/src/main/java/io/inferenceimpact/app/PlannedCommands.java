package io.inferenceimpact.app;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The commands of the product whose options are known but which are not built yet. */
final class PlannedCommands {
  private PlannedCommands() {}

  @Command(
      name = "run",
      description = "Run the service against an existing Kafka cluster and Schema Registry.")
  static final class Run extends PlannedCommand {
    @Mixin ConfigOption config;
  }

  @Command(
      name = "demo",
      description =
          "Run everything in-process: broker, registry, the service and a simulated fleet.")
  static final class Demo extends PlannedCommand {
    @Mixin ConfigOption config;

    @Option(
        names = "--nodes",
        defaultValue = "4",
        description = "Simulated inference servers (default: ${DEFAULT-VALUE}).")
    int nodes;
  }

  @Command(
      name = "replay",
      description = "Run the topology offline over JSON-lines files; deterministic output files.")
  static final class Replay extends PlannedCommand {
    @Mixin ConfigOption config;

    @Option(
        names = "--requests",
        paramLabel = "FILE",
        description = "JSON lines of inference requests.")
    Path requests;

    @Option(
        names = "--gpu-metrics",
        paramLabel = "FILE",
        description = "JSON lines of GPU samples.")
    Path gpuMetrics;

    @Option(names = "--grid", paramLabel = "FILE", description = "JSON lines of grid intensities.")
    Path grid;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        defaultValue = "replay-out",
        description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;
  }

  @Command(
      name = "grid",
      description = "Poll grid carbon-intensity sources and publish grid.intensity.v1.")
  static final class Grid extends PlannedCommand {
    @Mixin ConfigOption config;

    @Option(
        names = "--source",
        defaultValue = "electricitymaps",
        description =
            "electricitymaps, uk-carbon-intensity or watttime (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--zones", split = ",", description = "Zones to poll, comma-separated.")
    List<String> zones;

    @Option(
        names = "--interval",
        defaultValue = "5m",
        description = "Polling interval (default: ${DEFAULT-VALUE}).")
    String interval;
  }

  @Command(
      name = "alerts",
      description = "Work with impact alerts.",
      subcommands = AlertsTail.class)
  static final class Alerts extends GroupCommand {}

  @Command(
      name = "tail",
      description = "Print alerts from impact.alerts.v1 as they fire and resolve.")
  static final class AlertsTail extends PlannedCommand {
    @Mixin ConfigOption config;

    @Option(names = "--from-beginning", description = "Start with the alerts already in the topic.")
    boolean fromBeginning;
  }

  @Command(
      name = "topics",
      description = "Manage the application's topics.",
      subcommands = TopicsCreate.class)
  static final class Topics extends GroupCommand {}

  @Command(
      name = "create",
      description = "Create the application's topics with their partitions and cleanup policies.")
  static final class TopicsCreate extends PlannedCommand {
    @Mixin ConfigOption config;
  }
}
