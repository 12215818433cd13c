package io.inferenceimpact.connectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A real HTTP server on 127.0.0.1 that answers each path with queued responses (the last one
 * repeats) and records every request, for connector tests. A "hang" response holds the request
 * until the server closes, to exercise read timeouts.
 */
final class LocalApi implements AutoCloseable {
  record Reply(int status, String body, Map<String, String> headers, boolean hang) {
    static Reply ok(final String body) {
      return new Reply(200, body, Map.of(), false);
    }

    static Reply status(final int status) {
      return new Reply(status, "{\"error\":\"status " + status + "\"}", Map.of(), false);
    }

    static Reply hanging() {
      return new Reply(0, "", Map.of(), true);
    }
  }

  /** One request as the server saw it. */
  record Seen(String path, String query, Map<String, List<String>> headers) {
    String header(final String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Reply>> replies = new HashMap<>();
  private final List<Seen> seen = new ArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  LocalApi() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized LocalApi on(final String path, final Reply... queued) {
    replies.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(queued));
    return this;
  }

  synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  synchronized long count(final String path) {
    return seen.stream().filter(s -> s.path().equals(path)).count();
  }

  static String resource(final String name) {
    try (InputStream in = LocalApi.class.getResourceAsStream("/grid/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(final HttpExchange exchange) throws IOException {
    final Reply reply;
    synchronized (this) {
      final URI uri = exchange.getRequestURI();
      seen.add(
          new Seen(uri.getPath(), uri.getRawQuery(), Map.copyOf(exchange.getRequestHeaders())));
      final Deque<Reply> queue = replies.get(uri.getPath());
      reply =
          queue == null || queue.isEmpty()
              ? Reply.status(404)
              : queue.size() > 1 ? queue.poll() : queue.peek();
    }
    if (reply.hang()) {
      try {
        closing.await();
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    final byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
