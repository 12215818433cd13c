package io.inferenceimpact.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.bench.live.RecordsWritten.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsWrittenTest {

  @Test
  void sumsEndOffsetsPerKindAndDividesTheWrittenOnesByTheInputs() {
    final Map<String, Long> ends =
        Map.of(
            "requests", 300L,
            "samples", 100L,
            "impacts", 320L,
            "app-a-repartition", 1_200L,
            "app-b-changelog", 2_000L,
            "someone-elses", 9_999L);
    final Map<String, Kind> kinds =
        Map.of(
            "requests", Kind.INPUT,
            "samples", Kind.INPUT,
            "impacts", Kind.OUTPUT,
            "app-a-repartition", Kind.REPARTITION,
            "app-b-changelog", Kind.CHANGELOG);

    final RecordsWritten w = RecordsWritten.of(ends, kinds);

    assertThat(w.of(Kind.INPUT)).isEqualTo(400);
    assertThat(w.of(Kind.OUTPUT)).isEqualTo(320);
    assertThat(w.of(Kind.REPARTITION)).isEqualTo(1_200);
    assertThat(w.of(Kind.CHANGELOG)).isEqualTo(2_000);
    assertThat(w.written()).isEqualTo(3_520);
    assertThat(w.perInput()).isEqualTo(8.8);
    assertThat(w.perInput(Kind.CHANGELOG)).isEqualTo(5.0);
  }

  @Test
  void withoutInputTheRatioIsNotANumber() {
    final RecordsWritten w = RecordsWritten.of(Map.of("out", 5L), Map.of("out", Kind.OUTPUT));
    assertThat(w.written()).isEqualTo(5);
    assertThat(w.perInput()).isNaN();
  }

  @Test
  void refusesANegativeEndOffset() {
    assertThatThrownBy(() -> RecordsWritten.of(Map.of("in", -1L), Map.of("in", Kind.INPUT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in");
  }

  @Test
  void knowsAnApplicationsInternalTopicsByName() {
    assertThat(RecordsWritten.internalKind("app", "app-impacts-by-zone-repartition"))
        .isEqualTo(Kind.REPARTITION);
    assertThat(RecordsWritten.internalKind("app", "app-attribution-slots-store-changelog"))
        .isEqualTo(Kind.CHANGELOG);
    assertThat(RecordsWritten.internalKind("app", "other-x-changelog")).isNull();
    assertThat(RecordsWritten.internalKind("app", "application-x-changelog")).isNull();
    assertThat(RecordsWritten.internalKind("app", "app-something-else")).isNull();
  }
}
