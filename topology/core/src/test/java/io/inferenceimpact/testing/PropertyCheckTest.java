package io.inferenceimpact.testing;

import static io.inferenceimpact.testing.PropertyCheck.check;
import static io.inferenceimpact.testing.PropertyCheck.doubleBetween;
import static io.inferenceimpact.testing.PropertyCheck.listOf;
import static io.inferenceimpact.testing.PropertyCheck.longBetween;
import static io.inferenceimpact.testing.PropertyCheck.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.testing.PropertyCheck.Weighted;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The harness itself: failures reproduce (seed, try, input reported; same seed, same inputs). */
class PropertyCheckTest {

  private static final Function<SplittableRandom, List<Long>> LISTS =
      random -> listOf(random, 0, 8, r -> longBetween(r, -1_000, 1_000));

  @Test
  void shouldReportTryIndexSeedAndInputWhenThePropertyFails() {
    final List<List<Long>> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                check(
                    500,
                    4242L,
                    LISTS,
                    list -> {
                      seen.add(list);
                      assertThat(list).doesNotContain(1_000L);
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at try " + (seen.size() - 1) + " of 500")
        .hasMessageContaining("seed 4242")
        .hasMessageContaining("-Dimpact.property.seed=4242")
        .hasMessageContaining("input: " + seen.get(seen.size() - 1))
        .hasCauseInstanceOf(AssertionError.class);
    assertThat(seen.get(seen.size() - 1)).contains(1_000L);
  }

  @Test
  void shouldReplayTheFailingInputFromTheReportedSeed() {
    final List<List<Long>> firstRun = new ArrayList<>();
    final List<List<Long>> replay = new ArrayList<>();
    final Throwable first =
        catchFailure(
            () ->
                check(
                    500,
                    77L,
                    LISTS,
                    list -> {
                      firstRun.add(list);
                      assertThat(list.stream().mapToLong(Long::longValue).sum()).isLessThan(3_000);
                    }));
    final Throwable second =
        catchFailure(
            () ->
                check(
                    500,
                    77L,
                    LISTS,
                    list -> {
                      replay.add(list);
                      assertThat(list.stream().mapToLong(Long::longValue).sum()).isLessThan(3_000);
                    }));

    assertThat(first).isNotNull();
    assertThat(second).hasMessage(first.getMessage());
    assertThat(replay).isEqualTo(firstRun);
  }

  @Test
  void shouldGiveTheSameInputsForTheSameSeedAndOthersForAnotherSeed() {
    assertThat(inputs(123L)).isEqualTo(inputs(123L));
    assertThat(inputs(124L)).isNotEqualTo(inputs(123L));
  }

  @Test
  void shouldTakeTheSeedFromTheSystemPropertyWhenSet() {
    assertThat(PropertyCheck.effectiveSeed(null, 9L)).isEqualTo(9L);
    assertThat(PropertyCheck.effectiveSeed(" ", 9L)).isEqualTo(9L);
    assertThat(PropertyCheck.effectiveSeed("-31", 9L)).isEqualTo(-31L);
    assertThat(
            List.of(
                PropertyCheck.effectiveSeed("random", 9L),
                PropertyCheck.effectiveSeed("random", 9L)))
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldKeepGeneratedValuesWithinTheirBoundsAndReachTheBounds() {
    final List<Long> longs = new ArrayList<>();
    final List<Double> doubles = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    check(
        2_000,
        5L,
        random -> random,
        random -> {
          longs.add(longBetween(random, 3, 9));
          doubles.add(doubleBetween(random, -1.5, 2.5));
          sizes.add(listOf(random, 2, 4, r -> 0).size());
        });

    assertThat(longs).allSatisfy(x -> assertThat(x).isBetween(3L, 9L)).contains(3L, 9L);
    assertThat(doubles).allSatisfy(x -> assertThat(x).isBetween(-1.5, 2.5)).contains(-1.5, 2.5);
    assertThat(sizes).containsOnly(2, 3, 4);
  }

  @Test
  void shouldChooseWeightedOptionsInProportionToTheirWeights() {
    final List<Weighted<String>> options =
        List.of(
            new Weighted<>(9, r -> "common"),
            new Weighted<>(1, r -> "rare"),
            new Weighted<>(0, r -> "never"));
    final List<String> picks = new ArrayList<>();
    check(5_000, 11L, random -> weighted(random, options), picks::add);

    final long rare = picks.stream().filter("rare"::equals).count();
    assertThat(picks).doesNotContain("never");
    assertThat(rare).isBetween(350L, 650L); // expected 500; 650 is > 6 standard deviations away
  }

  private static List<List<Long>> inputs(final long seed) {
    final List<List<Long>> inputs = new ArrayList<>();
    check(50, seed, LISTS, inputs::add);
    return inputs;
  }

  private static Throwable catchFailure(final Runnable run) {
    try {
      run.run();
      return null;
    } catch (final AssertionError failure) {
      return failure;
    }
  }
}
