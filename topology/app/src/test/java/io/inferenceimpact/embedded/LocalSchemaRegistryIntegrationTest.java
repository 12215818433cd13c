package io.inferenceimpact.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local registry speaks the Confluent REST API, enforces BACKWARD compatibility like Confluent
 * does, and leaves no process behind. Fails (does not skip) when deploy/registry has not been
 * built.
 */
class LocalSchemaRegistryIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"GpuSample\",\"namespace\":\"io.inferenceimpact.test\","
          + "\"fields\":[{\"name\":\"gpuId\",\"type\":\"string\"}]}";

  /** A new field without a default: readers of v2 cannot read v1 data, so BACKWARD rejects it. */
  private static final String V2_INCOMPATIBLE =
      "{\"type\":\"record\",\"name\":\"GpuSample\","
          + "\"namespace\":\"io.inferenceimpact.test\",\"fields\":[{\"name\":\"gpuId\",\"type\":\"string\"},"
          + "{\"name\":\"powerWatts\",\"type\":\"double\"}]}";

  private static LocalSchemaRegistry registry;

  @BeforeAll
  static void startRegistry() {
    registry = LocalSchemaRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void shouldRegisterAnAvroSchemaAndServeItById() throws Exception {
    final HttpResponse<String> registered = post("/subjects/gpu-sample-value/versions", V1);
    assertThat(registered.statusCode()).isEqualTo(200);
    final int id = JSON.readTree(registered.body()).get("id").asInt();

    final HttpResponse<String> fetched = get("/schemas/ids/" + id);

    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(JSON.readTree(fetched.body()).get("schema").asText()))
        .isEqualTo(JSON.readTree(V1));
  }

  @Test
  void shouldRejectAnIncompatibleSecondVersionBecauseGlobalCompatibilityIsBackward()
      throws Exception {
    final HttpResponse<String> config = get("/config");
    assertThat(JSON.readTree(config.body()).get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
    assertThat(post("/subjects/gpu-sample-compat-value/versions", V1).statusCode()).isEqualTo(200);

    final HttpResponse<String> rejected =
        post("/subjects/gpu-sample-compat-value/versions", V2_INCOMPATIBLE);

    assertThat(rejected.statusCode()).isEqualTo(409);
  }

  @Test
  void shouldStopTheProcessOnClose() throws Exception {
    final LocalSchemaRegistry own = LocalSchemaRegistry.builder().start();
    final ProcessHandle process = own.processHandle();
    final URI subjects = URI.create(own.url() + "/subjects");
    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(subjects).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(200);

    own.close();

    assertThat(process.isAlive()).isFalse();
    assertThatThrownBy(
            () ->
                HTTP.send(
                    HttpRequest.newBuilder(subjects).build(),
                    HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void shouldRefuseAPortThatIsAlreadyInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalSchemaRegistry.builder().port(taken.getLocalPort()).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void shouldNameTheBuildCommandWhenTheJarIsMissing() {
    final Path missing = Path.of("target", "no-such-registry.jar");

    assertThatThrownBy(() -> LocalSchemaRegistry.builder().jar(missing).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("deploy/registry/build.sh");
  }

  private static HttpResponse<String> post(final String path, final String schema)
      throws IOException, InterruptedException {
    final String body = JSON.writeValueAsString(Map.of("schema", schema));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(registry.url() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(final String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(registry.url() + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
