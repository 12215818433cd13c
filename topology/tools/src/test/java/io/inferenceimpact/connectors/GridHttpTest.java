package io.inferenceimpact.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.inferenceimpact.connectors.LocalApi.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, backoff, Retry-After and timeouts of the shared HTTP layer, against a real server. */
class GridHttpTest {
  static final RetryPolicy FAST =
      new RetryPolicy(
          3,
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          Duration.ofSeconds(2),
          Duration.ofSeconds(10));

  private final LocalApi api = new LocalApi();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final GridHttp http = new GridHttp("test-source", api.baseUrl(), FAST, sleeper);

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void shouldRetryAfter500AndReturnTheLaterSuccess() {
    api.on("/x", Reply.status(500), Reply.ok("{\"fine\":true}"));

    assertThat(http.get("/x", Map.of(), null)).isEqualTo("{\"fine\":true}");
    assertThat(api.count("/x")).isEqualTo(2);
    assertThat(sleeper.waits())
        .singleElement()
        .satisfies(w -> assertThat(w).isBetween(Duration.ofMillis(50), Duration.ofMillis(100)));
  }

  @Test
  void shouldGiveUpAfterBoundedAttemptsWithGrowingBackoff() {
    api.on("/x", Reply.status(503));

    assertThatThrownBy(() -> http.get("/x", Map.of(), null))
        .isInstanceOf(GridSourceException.class)
        .hasMessageContaining("test-source")
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(api.count("/x")).isEqualTo(3);
    assertThat(sleeper.waits()).hasSize(2);
    assertThat(sleeper.waits().get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void shouldWaitWhatRetryAfterSaysOn429() {
    api.on(
        "/x",
        new Reply(429, "{}", Map.of("Retry-After", "7"), false),
        new Reply(429, "{}", Map.of("Retry-After", "86400"), false),
        Reply.ok("{}"));

    assertThat(http.get("/x", Map.of(), null)).isEqualTo("{}");
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(30));
  }

  @Test
  void shouldReadRetryAfterAsHttpDate() {
    final Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:42 GMT", clock, Duration.ZERO))
        .isEqualTo(Duration.ofSeconds(42));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", clock, Duration.ZERO))
        .isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", clock, Duration.ofSeconds(3)))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void shouldNotRetryAuthFailures() {
    api.on("/x", Reply.status(403));

    assertThatThrownBy(() -> http.get("/x", Map.of("auth-token", "s3cr3t"), "SOME_TOKEN"))
        .isInstanceOf(GridAuthException.class)
        .hasMessageContaining("HTTP 403 forbidden: check SOME_TOKEN")
        .hasMessageNotContaining("s3cr3t");
    assertThat(api.count("/x")).isEqualTo(1);
  }

  @Test
  void shouldRetryTimeoutsThenFailNamingTheTimeout() {
    api.on("/slow", Reply.hanging());
    final RetryPolicy impatient = FAST.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
    final GridHttp slowHttp = new GridHttp("test-source", api.baseUrl(), impatient, sleeper);

    assertThatThrownBy(() -> slowHttp.get("/slow", Map.of(), null))
        .isInstanceOf(GridSourceException.class)
        .hasMessageContaining("timed out on /slow")
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(api.count("/slow")).isEqualTo(3);
  }

  @Test
  void shouldFailAtOnceOnOtherClientErrors() {
    api.on("/x", Reply.status(422));

    final Throwable thrown = catchThrowable(() -> http.get("/x", Map.of(), null));

    assertThat(thrown).isInstanceOf(GridSourceException.class).hasMessageContaining("HTTP 422");
    assertThat(((GridSourceException) thrown).status()).isEqualTo(422);
    assertThat(api.count("/x")).isEqualTo(1);
  }
}
