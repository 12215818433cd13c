package io.inferenceimpact.app;

import io.inferenceimpact.binding.Durations;
import io.inferenceimpact.config.ClientProperties;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.MetricsSettings;
import io.inferenceimpact.dcgm.DcgmBridge;
import io.inferenceimpact.dcgm.DcgmBridgeMeters;
import io.inferenceimpact.metrics.MetricsServer;
import io.inferenceimpact.schemas.producer.ImpactProducer;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code impact dcgm-bridge}: scrape NVIDIA dcgm-exporter and publish gpu.metrics.v1, for fleets
 * that run the exporter already and have no producer of their own.
 */
@Command(
    name = "dcgm-bridge",
    description =
        "Scrape dcgm-exporter's /metrics at a fixed interval and publish one GpuSample per GPU to"
            + " gpu.metrics.v1 (keyed by GPU UUID).")
final class DcgmBridgeCommand implements Callable<Integer> {
  @ParentCommand ImpactCli root;
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:9400/metrics",
      description = "dcgm-exporter's metrics URL (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      description =
          "Scrape interval (default: ${DEFAULT-VALUE}); keep it below energy.maxSampleGap.")
  String interval;

  @Option(
      names = "--timeout",
      defaultValue = "3s",
      description = "Connect and read limit of one scrape (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description =
          "Node name for every sample (must match InferenceRequest.node); default: each GPU's"
              + " Hostname label.")
  String node;

  @Option(names = "--once", description = "Scrape once, publish, and exit (1 if it failed).")
  boolean once;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Port of the bridge's own /metrics (default: metrics.port; 0 picks a free one).")
  Integer metricsPort;

  @Override
  public Integer call() throws InterruptedException {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final Optional<ImpactConfig> found = ConfigLoading.load(config, root.env(), err);
    if (found.isEmpty()) {
      return ExitCodes.INVALID_CONFIGURATION;
    }
    final ImpactConfig loaded = found.get();
    final Duration every = Durations.parse(interval).orElse(null);
    final Duration limit = Durations.parse(timeout).orElse(null);
    if (every == null || limit == null || every.isZero() || limit.isZero()) {
      err.println("impact dcgm-bridge: --interval and --timeout take durations like 1s, 500ms");
      err.flush();
      return ExitCodes.USAGE_ERROR;
    }
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final DcgmBridgeMeters meters = new DcgmBridgeMeters(registry);
    final Map<String, Object> producerSettings =
        ClientProperties.producer(loaded.kafka().properties());
    final String topic = loaded.topics().gpuMetrics();
    try (ImpactProducer producer =
            ImpactProducer.create(
                producerSettings,
                SchemaRegistryClient.create(loaded.schemaRegistry().clientProperties()),
                loaded.topics().inferenceRequests(),
                topic);
        DcgmBridge bridge =
            new DcgmBridge(url, node, limit, producer::send, meters, Clock.systemUTC())) {
      if (once) {
        final int sent = bridge.scrapeOnce();
        producer.flush();
        out.printf("%s: published %d samples -> %s%n", url, sent, topic);
        out.flush();
        return sent > 0 ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
      }
      final MetricsServer server = metricsServer(loaded.metrics(), registry);
      try {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(new Thread(stopped::countDown, "impact-dcgm-bridge-shutdown"));
        out.printf(
            "scraping %s every %s -> %s%s%n",
            url,
            interval,
            topic,
            server == null ? "" : "; bridge metrics at " + server.metricsUrl());
        out.flush();
        bridge.start(every);
        stopped.await();
        return ExitCodes.OK;
      } finally {
        if (server != null) {
          server.close();
        }
      }
    } finally {
      registry.close();
    }
  }

  private MetricsServer metricsServer(
      final MetricsSettings m, final PrometheusMeterRegistry registry) {
    if (!m.enabled()) {
      return null;
    }
    final MetricsSettings settings = metricsPort != null ? m.withPort(metricsPort) : m;
    return MetricsServer.start(settings, registry, () -> KafkaStreams.State.RUNNING);
  }
}
