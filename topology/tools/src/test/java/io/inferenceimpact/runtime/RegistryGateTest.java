package io.inferenceimpact.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start gate against a real HTTP port: nothing listens at first (connection refused), then a
 * server answers {@code GET /config}; and a server that refuses the credentials is not waited for.
 */
class RegistryGateTest {

  @Test
  void shouldRetryWithGrowingPausesUntilTheRegistryAnswers() throws Exception {
    final int port = FreePort.find();
    final List<Duration> pauses = new ArrayList<>();
    final HttpServer[] server = new HttpServer[1];
    try {
      final int failed =
          RegistryGate.await(
              client(port),
              "http://127.0.0.1:" + port,
              pause -> {
                pauses.add(pause);
                if (pauses.size() == 7) {
                  server[0] = serve(port, 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
                }
              });

      assertThat(failed).isEqualTo(7);
      assertThat(pauses)
          .extracting(Duration::toSeconds)
          .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    } finally {
      if (server[0] != null) {
        server[0].stop(0);
      }
    }
  }

  @Test
  void shouldFailAtOnceWhenTheRegistryRefusesTheCredentials() {
    final int port = FreePort.find();
    final HttpServer server =
        serve(port, 401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
    final List<Duration> pauses = new ArrayList<>();
    try {
      assertThatThrownBy(
              () -> RegistryGate.await(client(port), "http://127.0.0.1:" + port, pauses::add))
          .isInstanceOf(SchemaRegistryHttpException.class)
          .hasMessageContaining("401");
      assertThat(pauses).isEmpty();
    } finally {
      server.stop(0);
    }
  }

  private static SchemaRegistryClient client(final int port) {
    return SchemaRegistryClient.create(
        Map.of("schema.registry.url", "http://127.0.0.1:" + port, "max.retries", "0"));
  }

  private static HttpServer serve(final int port, final int status, final String body) {
    try {
      final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext(
          "/config",
          exchange -> {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
          });
      server.start();
      return server;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
