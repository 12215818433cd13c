package io.inferenceimpact.topology.estimation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownModelLogTest {
  private static final long TEN_MINUTES = 600_000;

  @Test
  void shouldLogEachModelAtMostOncePerTenMinutes() {
    final UnknownModelLog log = new UnknownModelLog();

    assertThat(log.shouldLog("a", 0)).isTrue();
    assertThat(log.shouldLog("a", TEN_MINUTES - 1)).isFalse();
    assertThat(log.shouldLog("b", 1)).isTrue();
    assertThat(log.shouldLog("a", TEN_MINUTES)).isTrue();
    assertThat(log.shouldLog("a", TEN_MINUTES + 1)).isFalse();
    assertThat(log.shouldLog(null, 5)).isTrue();
  }
}
