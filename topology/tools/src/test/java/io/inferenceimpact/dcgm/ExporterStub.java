package io.inferenceimpact.dcgm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for dcgm-exporter on 127.0.0.1 (a free port): answers {@code GET /metrics} with
 * whatever text (and status) the test sets, e.g. a recorded real answer from test resources.
 */
final class ExporterStub implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<String> body = new AtomicReference<>("");
  private final AtomicInteger status = new AtomicInteger(200);

  ExporterStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          final byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  /** A recorded exporter answer from test resources (dcgm/SOURCES.md). */
  static String recorded(final String file) {
    try (InputStream in = ExporterStub.class.getResourceAsStream("/dcgm/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource dcgm/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ExporterStub serve(final String text) {
    body.set(text);
    status.set(200);
    return this;
  }

  ExporterStub answer(final int httpStatus, final String text) {
    body.set(text);
    status.set(httpStatus);
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
