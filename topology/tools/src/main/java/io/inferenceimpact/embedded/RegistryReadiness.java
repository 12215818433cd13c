package io.inferenceimpact.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a freshly started registry process answers {@code GET /subjects}, failing early when
 * the process exits and with the tail of its log when it does not come up in time.
 */
final class RegistryReadiness {

  private static final long POLL_MILLIS = 100;
  private static final int LOG_TAIL_LINES = 40;

  private final HttpClient http;
  private final Process process;
  private final Path logFile;

  RegistryReadiness(final HttpClient http, final Process process, final Path logFile) {
    this.http = http;
    this.process = process;
    this.logFile = logFile;
  }

  void await(final String baseUrl, final Duration timeout) {
    final HttpRequest probe =
        HttpRequest.newBuilder(URI.create(baseUrl + "/subjects"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    final long deadlineNanos = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw failure("exited with code " + process.exitValue() + " before its API answered");
      }
      if (answers(probe)) {
        return;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw failure("did not answer " + probe.uri() + " within " + timeout.toSeconds() + " s");
      }
      try {
        // No waiting library in main code; a short fixed poll against a local process.
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
      }
    }
  }

  static HttpResponse<String> send(final HttpClient http, final HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (final IOException e) {
      throw new UncheckedIOException("Request to the schema registry failed: " + request.uri(), e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during " + request.uri(), e);
    }
  }

  private boolean answers(final HttpRequest probe) {
    try {
      return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (final IOException notYetListening) {
      return false;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
    }
  }

  private IllegalStateException failure(final String what) {
    return new IllegalStateException(
        "Schema registry " + what + ". Log " + logFile + " ends with:\n" + logTail());
  }

  private String logTail() {
    try {
      final List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (final IOException | UncheckedIOException e) {
      return "(log not readable: " + e + ")";
    }
  }
}
