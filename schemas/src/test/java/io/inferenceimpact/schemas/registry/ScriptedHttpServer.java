package io.inferenceimpact.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny HTTP server on 127.0.0.1 for the few client behaviours a real registry cannot be made to
 * show (server errors, hangs, rejected credentials). It answers each request with the script's
 * reply and records what it received. Closing stops it.
 */
final class ScriptedHttpServer implements AutoCloseable {

  record Received(String method, String path, String authorization) {}

  record Reply(int status, String body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  ScriptedHttpServer(final Function<Integer, Reply> script) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> answer(exchange, script));
    server.start();
  }

  private void answer(final HttpExchange exchange, final Function<Integer, Reply> script)
      throws IOException {
    final int index;
    synchronized (received) {
      index = received.size();
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().toString(),
              exchange.getRequestHeaders().getFirst("Authorization")));
    }
    final Reply reply = script.apply(index);
    final byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
