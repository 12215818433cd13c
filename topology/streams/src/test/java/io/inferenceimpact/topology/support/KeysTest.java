package io.inferenceimpact.topology.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.testing.PropertyCheck;
import org.junit.jupiter.api.Test;

/** Time keys sort as their times: 19 digits, zero-padded, negative times clamped to 0. */
class KeysTest {
  @Test
  void shouldPadLikeTheFormatAtEveryLength() {
    for (final long edge : new long[] {Long.MIN_VALUE, -1, 0, 1, 9, 10, Long.MAX_VALUE}) {
      assertThat(Keys.time(edge)).isEqualTo(String.format("%019d", Math.max(0, edge)));
    }
    PropertyCheck.forAll(
        2_000,
        20261206L,
        random -> (random.nextLong() >>> 1) >>> random.nextInt(63),
        millis -> {
          assertThat(Keys.time(millis)).isEqualTo(String.format("%019d", millis)).hasSize(19);
          assertThat(Keys.timeAt(Keys.join(Keys.time(millis), "gpu"), 0)).isEqualTo(millis);
        });
  }
}
