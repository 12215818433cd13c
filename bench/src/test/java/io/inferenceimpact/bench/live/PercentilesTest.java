package io.inferenceimpact.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfOneToHundredInAnyOrder() {
    final long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100 .. 1, reversed
    }
    final Percentiles p = Percentiles.of(values);
    assertThat(p.count()).isEqualTo(100);
    assertThat(p.percentile(50)).isEqualTo(50);
    assertThat(p.percentile(99)).isEqualTo(99);
    assertThat(p.percentile(100)).isEqualTo(100);
    assertThat(p.percentile(0.5)).isEqualTo(1);
    assertThat(p.max()).isEqualTo(100);
    assertThat(values[0]).as("the input is not sorted in place").isEqualTo(100);
  }

  @Test
  void smallAndNegativeSamples() {
    final Percentiles p = Percentiles.of(new long[] {-300, 40, 7});
    assertThat(p.percentile(50)).isEqualTo(7);
    assertThat(p.percentile(99)).isEqualTo(40);
    assertThat(p.percentile(1)).isEqualTo(-300);
  }

  @Test
  void noValuesOrABadPercentileFail() {
    assertThatThrownBy(() -> Percentiles.of(new long[0]).percentile(50))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}).percentile(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
