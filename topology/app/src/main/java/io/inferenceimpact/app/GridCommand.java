package io.inferenceimpact.app;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.binding.Durations;
import io.inferenceimpact.config.ClientProperties;
import io.inferenceimpact.config.GridSettings;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.connectors.GridConnector;
import io.inferenceimpact.connectors.GridMetrics;
import io.inferenceimpact.connectors.GridPoller;
import io.inferenceimpact.connectors.GridSources;
import io.inferenceimpact.connectors.KafkaGridPublisher;
import io.inferenceimpact.connectors.RetryPolicy;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code impact grid}: poll a grid carbon-intensity source and publish grid.intensity.v1. */
@Command(
    name = "grid",
    description = "Poll grid carbon-intensity sources and publish grid.intensity.v1.",
    footerHeading = "%nCredentials:%n",
    footer = {
      "  electricitymaps: IMPACT_GRID_TOKEN (grid.token), ELECTRICITYMAPS_TOKEN or --token-file",
      "  watttime: grid.username and IMPACT_GRID_PASSWORD, WATTTIME_USERNAME and WATTTIME_PASSWORD,",
      "    or --token-file with username:password",
      "  ukci, static and replay need none; replay bundles DE and FR (2023, Electricity Maps)",
      "  Every flag has a key in the configuration's grid section; a flag wins over it."
    })
final class GridCommand implements Callable<Integer> {
  @ParentCommand ImpactCli root;
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--source",
      description = "electricitymaps, ukci, watttime, static or replay (default: grid.source).")
  String source;

  @Option(
      names = "--zones",
      split = ",",
      description =
          "Zones to poll, comma-separated (Electricity Maps zone keys; ukci: GB or GB-<region 1-17>;"
              + " watttime: region names; default: grid.zones).")
  List<String> zones;

  @Option(names = "--interval", description = "Polling interval (default: grid.interval, 5m).")
  String interval;

  @Option(names = "--once", description = "Poll every zone once, publish, and exit.")
  boolean once;

  @Option(names = "--token-file", paramLabel = "FILE", description = "Credential file.")
  Path tokenFile;

  @Option(names = "--base-url", paramLabel = "URL", description = "API base URL (proxy, tests).")
  URI baseUrl;

  @Option(names = "--series-dir", paramLabel = "DIR", description = "Replay series folder.")
  Path seriesDir;

  @Option(names = "--timeout", description = "HTTP read timeout (default: grid.timeout, 20s).")
  String timeout;

  @Override
  public Integer call() throws InterruptedException {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final Optional<ImpactConfig> found = ConfigLoading.load(config, root.env(), err);
    if (found.isEmpty()) {
      return ExitCodes.INVALID_CONFIGURATION;
    }
    final ImpactConfig loaded = found.get();
    final GridSettings grid = loaded.grid();
    final Duration every =
        interval == null ? grid.interval() : Durations.parse(interval).orElse(null);
    final Duration readTimeout =
        timeout == null ? grid.timeout() : Durations.parse(timeout).orElse(null);
    final List<String> polled = zones != null ? zones : grid.zones();
    final GridConnector connector;
    try {
      if (every == null || readTimeout == null) {
        throw new IllegalArgumentException("--interval and --timeout take durations like 30s, 5m");
      }
      if (polled.isEmpty()) {
        throw new IllegalArgumentException("no zones to poll: pass --zones or set grid.zones");
      }
      final RetryPolicy policy =
          RetryPolicy.DEFAULT.withTimeouts(RetryPolicy.DEFAULT.connectTimeout(), readTimeout);
      connector =
          GridSources.create(
              new GridSources.Options(
                  source != null ? source : grid.source(),
                  baseUrl != null ? baseUrl : uri(grid.baseUrl()),
                  tokenFile != null ? tokenFile : path(grid.tokenFile()),
                  seriesDir != null ? seriesDir : path(grid.seriesDir()),
                  policy,
                  grid.token(),
                  grid.username(),
                  grid.password()),
              polled,
              root.env(),
              Clock.systemUTC());
    } catch (final IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println("impact grid: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE_ERROR;
    }
    final SchemaRegistryClient registry =
        SchemaRegistryClient.create(loaded.schemaRegistry().clientProperties());
    final var serde = new TopologySerdes(registry, Map.of()).avro(GridIntensity.class);
    final String topic = loaded.topics().gridIntensity();
    try (var publisher =
            new KafkaGridPublisher(
                new KafkaProducer<>(
                    ClientProperties.producer(loaded.kafka().properties()),
                    new StringSerializer(),
                    serde.serializer()),
                topic);
        var poller =
            new GridPoller(connector, polled, publisher, new GridMetrics(), Clock.systemUTC())) {
      if (once) {
        final GridPoller.Round round = poller.pollOnce();
        out.printf(
            "%s: published %d, unchanged %d, failed zones %s -> %s%n",
            connector.name(), round.published(), round.unchanged(), round.failedZones(), topic);
        out.flush();
        return round.failedZones().isEmpty() ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
      }
      final CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "impact-grid-shutdown"));
      out.printf(
          "polling %s for %s every %s -> %s%n",
          connector.name(), polled, Durations.format(every), topic);
      out.flush();
      poller.start(every);
      stopped.await();
      return ExitCodes.OK;
    }
  }

  private static URI uri(final String text) {
    return text == null ? null : URI.create(text);
  }

  private static Path path(final String text) {
    return text == null ? null : Path.of(text);
  }
}
