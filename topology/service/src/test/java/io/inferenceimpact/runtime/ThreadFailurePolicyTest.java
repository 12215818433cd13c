package io.inferenceimpact.runtime;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {
  private static final long MINUTE = 60_000;

  @Test
  void shouldReplaceThreadsWhileFailuresAreRare() {
    final ThreadFailurePolicy policy = new ThreadFailurePolicy(3, Duration.ofMinutes(10));

    assertThat(policy.onFailure(0)).isEqualTo(REPLACE_THREAD);
    assertThat(policy.onFailure(1 * MINUTE)).isEqualTo(REPLACE_THREAD);
    assertThat(policy.onFailure(2 * MINUTE)).isEqualTo(REPLACE_THREAD);
    assertThat(policy.onFailure(11 * MINUTE))
        .as("the first failure left the window")
        .isEqualTo(REPLACE_THREAD);
  }

  @Test
  void shouldShutDownWhenThreadsKeepFailing() {
    final ThreadFailurePolicy policy = new ThreadFailurePolicy(3, Duration.ofMinutes(10));
    policy.onFailure(0);
    policy.onFailure(MINUTE);
    policy.onFailure(2 * MINUTE);

    assertThat(policy.onFailure(3 * MINUTE)).isEqualTo(SHUTDOWN_CLIENT);
  }

  @Test
  void shouldRejectANegativeLimit() {
    assertThatThrownBy(() -> new ThreadFailurePolicy(-1, Duration.ofMinutes(1)))
        .hasMessageContaining("maxFailures");
  }
}
