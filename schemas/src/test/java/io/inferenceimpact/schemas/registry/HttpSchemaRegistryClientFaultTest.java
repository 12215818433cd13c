package io.inferenceimpact.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Client behaviour that a real registry cannot be made to show, against a scripted local server:
 * retries of server errors with backoff, the bound on attempts, request timeouts, and that
 * credentials are sent as headers but never appear in errors.
 */
class HttpSchemaRegistryClientFaultTest {

  private static final String SCHEMA_ANSWER = "{\"schema\":\"\\\"string\\\"\"}";
  private static final String PASSWORD = "s3cr3t-pa55";
  private static final String TOKEN = "tok-abcdef-123456";

  private static Map<String, Object> configs(final String url) {
    final Map<String, Object> configs = new HashMap<>();
    configs.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, url);
    configs.put(SchemaRegistryClientConfig.MAX_RETRIES, 2);
    configs.put(SchemaRegistryClientConfig.RETRIES_WAIT_MS, 40);
    // Generous, so that a slow (loaded) machine never turns an answer into a timeout and a retry.
    configs.put(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS, 5_000);
    return configs;
  }

  @Test
  void shouldRetryServerErrorsWithBackoffAndThenSucceed() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            i ->
                i < 2
                    ? new ScriptedHttpServer.Reply(
                        503, "{\"error_code\":50003,\"message\":\"busy\"}")
                    : new ScriptedHttpServer.Reply(200, SCHEMA_ANSWER))) {
      final SchemaRegistryClient client =
          new HttpSchemaRegistryClient(SchemaRegistryClientConfig.from(configs(server.url())));
      final long startNanos = System.nanoTime();

      final Schema schema = client.getById(3);

      final long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      assertThat(schema).isEqualTo(Schema.create(Schema.Type.STRING));
      assertThat(server.received()).hasSize(3).allMatch(r -> r.path().equals("/schemas/ids/3"));
      assertThat(elapsedMillis).as("waits of at least 20 ms + 40 ms").isGreaterThanOrEqualTo(60);
    }
  }

  @Test
  void shouldGiveUpAfterBoundedAttemptsNamingUrlAndId() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(i -> new ScriptedHttpServer.Reply(500, "oops"))) {
      final SchemaRegistryClient client =
          new HttpSchemaRegistryClient(SchemaRegistryClientConfig.from(configs(server.url())));

      assertThatThrownBy(() -> client.getById(42))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining(server.url() + "/schemas/ids/42")
          .hasMessageContaining("schema id 42")
          .hasMessageContaining("3 attempts")
          .hasMessageContaining("HTTP 500");
      assertThat(server.received()).hasSize(3);
    }
  }

  @Test
  void shouldTimeOutAHangingRequestAndRetryIt() throws Exception {
    final CountDownLatch neverReleased = new CountDownLatch(1);
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            i -> {
              if (i == 0) {
                try {
                  neverReleased.await(5, TimeUnit.SECONDS); // a registry that stopped answering
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return new ScriptedHttpServer.Reply(200, SCHEMA_ANSWER);
            })) {
      final Map<String, Object> configs = configs(server.url());
      configs.put(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS, 1_000);
      final SchemaRegistryClient client =
          new HttpSchemaRegistryClient(SchemaRegistryClientConfig.from(configs));
      final long startNanos = System.nanoTime();

      assertThat(client.getById(5)).isEqualTo(Schema.create(Schema.Type.STRING));

      assertThat(server.received()).hasSize(2);
      // Well before the 5 s the first request hangs: the timeout, not the answer, ended it.
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)).isLessThan(4_500);
      neverReleased.countDown();
    }
  }

  @Test
  void shouldSendBasicAuthAndReport401OnceWithoutTheSecret() throws Exception {
    final String expected =
        "Basic " + Base64.getEncoder().encodeToString(("svc:" + PASSWORD).getBytes());
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            i ->
                new ScriptedHttpServer.Reply(
                    401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}"))) {
      final Map<String, Object> configs = configs(server.url());
      configs.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
      configs.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, "svc:" + PASSWORD);
      final SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(configs);
      final SchemaRegistryClient client = new HttpSchemaRegistryClient(config);

      assertThatThrownBy(() -> client.getLatest("probes-value"))
          .isInstanceOfSatisfying(
              SchemaRegistryHttpException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(401);
                assertThat(e.errorCode()).isEqualTo(40101);
                assertThat(e.isAuthenticationFailure()).isTrue();
              })
          .hasMessageContaining("probes-value")
          .hasMessageNotContaining(PASSWORD);
      assertThat(server.received())
          .singleElement()
          .extracting(ScriptedHttpServer.Received::authorization)
          .isEqualTo(expected);
      assertThat(config.toString()).doesNotContain(PASSWORD).contains("basic");
    }
  }

  @Test
  void shouldTakeBasicAuthFromTheUrlWithoutSendingOrShowingIt() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(i -> new ScriptedHttpServer.Reply(503, "down"))) {
      final String withUserInfo = server.url().replace("http://", "http://svc:" + PASSWORD + "@");
      final SchemaRegistryClientConfig config =
          SchemaRegistryClientConfig.from(configs(withUserInfo));
      final SchemaRegistryClient client = new HttpSchemaRegistryClient(config);

      assertThatThrownBy(() -> client.register("probes-value", Schema.create(Schema.Type.STRING)))
          .hasMessageContaining(server.url() + "/subjects/probes-value/versions")
          .hasMessageNotContaining(PASSWORD);
      assertThat(server.received())
          .extracting(ScriptedHttpServer.Received::authorization)
          .containsOnly(
              "Basic " + Base64.getEncoder().encodeToString(("svc:" + PASSWORD).getBytes()));
      assertThat(config.toString()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void shouldSendTheBearerTokenAndKeepItOutOfErrors() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            i ->
                new ScriptedHttpServer.Reply(
                    403, "{\"error_code\":40301,\"message\":\"Forbidden\"}"))) {
      final Map<String, Object> configs = configs(server.url());
      configs.put(SchemaRegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN");
      configs.put(SchemaRegistryClientConfig.BEARER_AUTH_TOKEN, TOKEN);
      final SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(configs);
      final SchemaRegistryClient client = new HttpSchemaRegistryClient(config);

      assertThatThrownBy(() -> client.getById(1))
          .isInstanceOf(SchemaRegistryHttpException.class)
          .hasMessageContaining("HTTP 403")
          .hasMessageNotContaining(TOKEN);
      assertThat(server.received())
          .singleElement()
          .extracting(ScriptedHttpServer.Received::authorization)
          .isEqualTo("Bearer " + TOKEN);
      assertThat(config.toString()).doesNotContain(TOKEN).contains("bearer");
    }
  }

  @Test
  void shouldAnswerARegistrationThatMeetsItsOwnSchemaWithTheExistingId() throws Exception {
    // Apicurio's answer when a retried registration finds the schema it created a moment before.
    final String alreadyExists = "{\"error_code\":0,\"message\":\"artifact already exists\"}";
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            i ->
                i == 0
                    ? new ScriptedHttpServer.Reply(409, alreadyExists)
                    : new ScriptedHttpServer.Reply(
                        200, "{\"subject\":\"s\",\"version\":1,\"id\":7}"))) {
      final SchemaRegistryClient client =
          new HttpSchemaRegistryClient(SchemaRegistryClientConfig.from(configs(server.url())));

      final int id = client.register("s", Schema.create(Schema.Type.STRING));

      assertThat(id).isEqualTo(7);
      assertThat(server.received())
          .extracting(ScriptedHttpServer.Received::path)
          .containsExactly("/subjects/s/versions", "/subjects/s");
    }
  }

  @Test
  void shouldKeepAConflictWhenTheSchemaIsNotRegistered() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            i ->
                i == 0
                    ? new ScriptedHttpServer.Reply(
                        409, "{\"error_code\":409,\"message\":\"incompatible schema\"}")
                    : new ScriptedHttpServer.Reply(
                        404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"))) {
      final SchemaRegistryClient client =
          new HttpSchemaRegistryClient(SchemaRegistryClientConfig.from(configs(server.url())));

      assertThatThrownBy(() -> client.register("s", Schema.create(Schema.Type.STRING)))
          .isInstanceOfSatisfying(
              SchemaRegistryHttpException.class, e -> assertThat(e.isIncompatible()).isTrue())
          .hasMessageContaining("incompatible schema");
    }
  }

  @Test
  void shouldRegisterAgainWhenTheSchemaThatAlreadyExistsIsNotVisibleYet() throws Exception {
    // Two clients create the same subject at once: one gets 409 "already exists" while the other's
    // creation is still under way, so the lookup finds nothing yet; a second registration succeeds.
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            i ->
                switch (i) {
                  case 0 ->
                      new ScriptedHttpServer.Reply(
                          409, "{\"error_code\":409,\"message\":\"artifact already exists\"}");
                  case 1 ->
                      new ScriptedHttpServer.Reply(
                          404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                  default -> new ScriptedHttpServer.Reply(200, "{\"id\":9}");
                })) {
      final SchemaRegistryClient client =
          new HttpSchemaRegistryClient(SchemaRegistryClientConfig.from(configs(server.url())));

      assertThat(client.register("s", Schema.create(Schema.Type.STRING))).isEqualTo(9);
      assertThat(server.received())
          .extracting(ScriptedHttpServer.Received::path)
          .containsExactly("/subjects/s/versions", "/subjects/s", "/subjects/s/versions");
    }
  }
}
