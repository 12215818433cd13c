package io.inferenceimpact.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter: doubling, bounded, never below half the step. */
class BackoffTest {

  private final Backoff backoff = new Backoff(100, 1_000);

  @Test
  void shouldDoubleTheWaitPerRetryWithinJitterBounds() {
    assertThat(backoff.delayMillis(0, 0.0)).isEqualTo(50);
    assertThat(backoff.delayMillis(0, 0.999)).isEqualTo(100);
    assertThat(backoff.delayMillis(1, 0.0)).isEqualTo(100);
    assertThat(backoff.delayMillis(2, 0.999)).isEqualTo(400);
  }

  @Test
  void shouldCapTheWaitAtTheMaximumEvenForManyRetries() {
    assertThat(backoff.delayMillis(4, 0.999)).isEqualTo(1_000);
    assertThat(backoff.delayMillis(62, 0.999)).isEqualTo(1_000);
    for (int retry = 0; retry < 40; retry++) {
      assertThat(backoff.delayMillis(retry)).isBetween(50L, 1_000L);
    }
  }
}
