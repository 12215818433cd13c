package io.inferenceimpact.metrics;

import io.inferenceimpact.config.MetricsSettings;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The metrics of one running service, assembled: a Prometheus registry (and, with {@code
 * metrics.otlp.enabled}, an OTLP export of the same meters) with the JVM binders, the {@link
 * ImpactMeters} the topology reports to, and — once the Kafka Streams client exists — its client
 * metrics, the state gauges and the {@link MetricsServer}. Closing stops the server and unbinds
 * what needs it.
 */
public final class ServiceMetrics implements AutoCloseable {
  /**
   * How often new Kafka client metrics (threads, tasks) are looked for. Each look goes over every
   * client metric (thousands: per task, store, partition and topic) and cost about a third of the
   * stream thread's CPU every 10 s in the live benchmark; a task's stage counters appear within
   * this time of its start.
   */
  static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(60);

  private final MetricsSettings settings;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OtlpMeterRegistry otlp;
  private final MeterRegistry meterRegistry;
  private final ImpactMeters meters;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private KafkaStreamsMetrics kafka;
  private MetricsServer server;
  private volatile KafkaStreams streams;
  private boolean closed;

  public ServiceMetrics(final MetricsSettings settings) {
    this.settings = settings;
    if (settings.otlp().enabled()) {
      otlp = OtlpExport.registry(settings.otlp());
      final CompositeMeterRegistry composite = new CompositeMeterRegistry();
      composite.add(registry);
      composite.add(otlp);
      meterRegistry = composite;
    } else {
      otlp = null;
      meterRegistry = registry;
    }
    this.meters = new ImpactMeters(meterRegistry, registry, otlp, settings);
    List.of(
            new ClassLoaderMetrics(),
            new JvmMemoryMetrics(),
            gc,
            new JvmThreadMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics(),
            new FileDescriptorMetrics())
        .forEach(binder -> binder.bindTo(meterRegistry));
  }

  /** What the topology tells its results to. */
  public TopologyObserver observer() {
    return meters;
  }

  /** Where meters are registered: the Prometheus registry, plus the OTLP export when enabled. */
  public MeterRegistry meters() {
    return meterRegistry;
  }

  /** The OTLP export's registry, when {@code metrics.otlp.enabled}. */
  public Optional<OtlpMeterRegistry> otlp() {
    return Optional.ofNullable(otlp);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Starts the HTTP server before there is a Kafka Streams client: {@code /health} answers and
   * {@code /ready} says not ready (state CREATED) while the service waits for its dependencies.
   *
   * @throws IllegalStateException naming {@code metrics.port} when the port is taken
   */
  public synchronized void listen() {
    if (server == null) {
      server = MetricsServer.start(settings, registry, this::streamsState);
    }
  }

  private KafkaStreams.State streamsState() {
    final KafkaStreams client = streams;
    return client == null ? KafkaStreams.State.CREATED : client.state();
  }

  /**
   * Binds the client's metrics and state, and starts the HTTP server if {@link #listen} did not.
   *
   * @throws IllegalStateException naming {@code metrics.port} when the port is taken
   */
  public synchronized void start(final KafkaStreams streams) {
    this.streams = streams;
    final ScheduledExecutorService refresh =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "impact-metrics-kafka");
              t.setDaemon(true);
              return t;
            });
    kafka = new KafkaStreamsMetrics(streams, List.of(), refresh, KAFKA_METRICS_REFRESH);
    kafka.bindTo(meterRegistry);
    new StreamsStateMetrics(streams::state).bindTo(meterRegistry);
    listen();
  }

  /** Where Prometheus scrapes; null before {@link #start}. */
  public synchronized URI metricsUrl() {
    return server == null ? null : server.metricsUrl();
  }

  /** The HTTP server's root (for /health and /ready); null before {@link #start}. */
  public synchronized URI baseUrl() {
    return server == null ? null : server.baseUrl();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
      gc.close();
      if (otlp != null) {
        otlp.close(); // publishes what it holds one last time
      }
      registry.close();
    }
  }
}
