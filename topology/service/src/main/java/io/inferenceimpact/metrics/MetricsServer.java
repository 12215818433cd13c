package io.inferenceimpact.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inferenceimpact.config.MetricsSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The HTTP endpoint (JDK HttpServer): the Prometheus scrape at {@code metrics.path} (text format
 * 0.0.4, or OpenMetrics when the Accept header asks for {@code application/openmetrics-text}),
 * {@code /health} (liveness: 503 once Kafka Streams failed) and {@code /ready} (200 only while
 * Kafka Streams is RUNNING). With {@code metrics.bearerToken} set, every path but {@code /health}
 * needs {@code Authorization: Bearer <token>}, compared in constant time.
 */
public final class MetricsServer implements AutoCloseable {
  static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String PLAIN = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final Supplier<KafkaStreams.State> state;
  private final String path;
  private final byte[] expectedAuthorization;

  private MetricsServer(
      final HttpServer server,
      final MetricsSettings settings,
      final PrometheusMeterRegistry registry,
      final Supplier<KafkaStreams.State> state) {
    this.server = server;
    this.registry = registry;
    this.state = state;
    this.path = settings.path();
    this.expectedAuthorization =
        settings.requiresToken()
            ? ("Bearer " + settings.bearerToken()).getBytes(StandardCharsets.UTF_8)
            : null;
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              final Thread t = new Thread(r, "impact-metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Binds {@code metrics.bindAddress:metrics.port} and starts serving.
   *
   * @throws IllegalStateException naming {@code metrics.port} when the port is taken
   */
  public static MetricsServer start(
      final MetricsSettings settings,
      final PrometheusMeterRegistry registry,
      final Supplier<KafkaStreams.State> state) {
    final HttpServer server;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()),
              0);
    } catch (final BindException e) {
      throw new IllegalStateException(
          "metrics.port: cannot listen on "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); is another process using it? Choose another metrics.port (0 picks a free"
              + " one) or set metrics.enabled: false",
          e);
    } catch (final IOException e) {
      throw new IllegalStateException(
          "metrics.bindAddress: cannot listen on "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    final MetricsServer metrics = new MetricsServer(server, settings, registry, state);
    server.start();
    return metrics;
  }

  /** The port actually bound (the chosen one when {@code metrics.port} is 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where Prometheus scrapes, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public URI metricsUrl() {
    return baseUrl().resolve(path);
  }

  /** The server's root, e.g. {@code http://127.0.0.1:9464/}. */
  public URI baseUrl() {
    final InetAddress address = server.getAddress().getAddress();
    final String host =
        address.getHostAddress().contains(":")
            ? "[" + address.getHostAddress() + "]"
            : address.getHostAddress();
    return URI.create("http://" + host + ":" + port() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final String method = exchange.getRequestMethod();
      final String requested = exchange.getRequestURI().getPath();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, PLAIN, "method not allowed\n");
      } else if (requested.equals("/health")) {
        final KafkaStreams.State now = state.get();
        final boolean alive = StreamsStateMetrics.alive(now);
        respond(exchange, alive ? 200 : 503, PLAIN, (alive ? "OK" : "FAILED") + ": " + now + "\n");
      } else if (!authorized(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"impact-metrics\"");
        respond(exchange, 401, PLAIN, "unauthorized\n");
      } else if (requested.equals("/ready")) {
        final KafkaStreams.State now = state.get();
        final boolean ready = StreamsStateMetrics.ready(now);
        respond(
            exchange,
            ready ? 200 : 503,
            PLAIN,
            (ready ? "READY" : "NOT READY") + ": " + now + "\n");
      } else if (requested.equals(path)) {
        final String accept = exchange.getRequestHeaders().getFirst("Accept");
        final String contentType =
            accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS
                : TEXT_004;
        final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        registry.scrape(body, contentType);
        respond(exchange, 200, contentType, body.toByteArray());
      } else {
        respond(exchange, 404, PLAIN, "not found; try " + path + ", /health or /ready\n");
      }
    }
  }

  private boolean authorized(final HttpExchange exchange) {
    if (expectedAuthorization == null) {
      return true;
    }
    final String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null
        // Time depends on the length of the first argument only: the caller's, not the token's.
        && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
  }

  private static void respond(
      final HttpExchange exchange, final int status, final String contentType, final String body)
      throws IOException {
    respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(
      final HttpExchange exchange, final int status, final String contentType, final byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    final boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
