package io.inferenceimpact.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.testing.TestTier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the Debian package's /usr/bin/prometheus) for a test: listens on
 * 127.0.0.1 only, scrapes one target on 127.0.0.1 every second, keeps its data and log in the given
 * folder under target/, has no Alertmanager, remote write or service discovery, so it reaches
 * nothing but the target. {@link #close()} stops it by its PID (SIGTERM, then SIGKILL).
 */
final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_LIMIT = Duration.ofSeconds(30);

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(final Process process, final URI base, final Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Starts Prometheus scraping {@code target} (an http URL on 127.0.0.1 with its path) under job
   * {@code inference-impact}, and waits until it answers {@code /-/ready}.
   */
  static PrometheusServer start(final Path folder, final URI target) throws Exception {
    if (!"127.0.0.1".equals(target.getHost())) {
      throw new IllegalArgumentException("only a target on 127.0.0.1 may be scraped: " + target);
    }
    TestTier.requireIntegration("a Prometheus server");
    final String binary = PrometheusTools.require(PrometheusTools.PROMETHEUS);
    Files.createDirectories(folder);
    final Path config = folder.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: inference-impact
            metrics_path: %s
            static_configs:
              - targets: ["%s"]
        """
            .formatted(target.getPath(), "127.0.0.1:" + target.getPort()));
    final int port = FreePort.find();
    final Path log = folder.resolve("prometheus.log");
    final Process process =
        new ProcessBuilder(
                binary,
                "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=1h",
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    final PrometheusServer server =
        new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
    try {
      server.awaitReady();
    } catch (final Exception | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    final long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        final var response =
            http.send(
                HttpRequest.newBuilder(base.resolve("/-/ready")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (final IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException(
        "prometheus not ready within " + START_LIMIT + ":\n" + Files.readString(log));
  }

  long pid() {
    return process.pid();
  }

  URI url() {
    return base;
  }

  /** The {@code data.result} of an instant query ({@code /api/v1/query}); fails on an error. */
  JsonNode query(final String promql) {
    final URI uri =
        base.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    return get(uri, promql).path("data");
  }

  /** The {@code data} of a range query ({@code /api/v1/query_range}). */
  JsonNode queryRange(
      final String promql, final long startSeconds, final long endSeconds, final int stepSeconds) {
    final URI uri =
        base.resolve(
            "/api/v1/query_range?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start="
                + startSeconds
                + "&end="
                + endSeconds
                + "&step="
                + stepSeconds);
    return get(uri, promql).path("data");
  }

  private JsonNode get(final URI uri, final String promql) {
    try {
      final var response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      final JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new IllegalStateException(
            "prometheus rejected '"
                + promql
                + "': "
                + response.statusCode()
                + " "
                + response.body());
      }
      return body;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Prometheus' own log, for failure messages. */
  String log() {
    try {
      return Files.readString(log);
    } catch (final IOException e) {
      return "<unreadable: " + e.getMessage() + ">";
    }
  }

  /** Stops the server by PID: SIGTERM, up to 10 s to flush, then SIGKILL. */
  @Override
  public void close() {
    final ProcessHandle handle = process.toHandle();
    handle.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (final InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
