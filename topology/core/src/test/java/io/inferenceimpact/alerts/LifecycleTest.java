package io.inferenceimpact.alerts;

import static io.inferenceimpact.testing.PropertyCheck.forAll;
import static io.inferenceimpact.testing.PropertyCheck.listOf;
import static io.inferenceimpact.testing.PropertyCheck.longBetween;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.alerts.Lifecycle.Step;
import io.inferenceimpact.alerts.Lifecycle.Transition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final Duration RESOLVE_AFTER = Duration.ofMinutes(2);
  private static final String KEY = "rule|model=m";

  /** Runs values at the given times through the lifecycle; returns the transitions published. */
  private static List<Transition> run(final long[] times, final double[] values) {
    Episode episode = null;
    final List<Transition> published = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      final Step step =
          Lifecycle.step(
              KEY, episode, Verdict.above(values[i], 10.0, 0.1, "x"), times[i], RESOLVE_AFTER);
      episode = step.episode();
      if (step.transition() != Transition.NONE) {
        published.add(step.transition());
      }
    }
    return published;
  }

  @Test
  void shouldFireOnceAndResolveOnceAfterTheConditionStayedClear() {
    final List<Transition> published =
        run(
            new long[] {0, 60_000, 120_000, 180_000, 240_000, 300_000, 360_000},
            new double[] {5, 12, 13, 5, 5, 5, 5});
    assertThat(published).containsExactly(Transition.FIRING, Transition.RESOLVED);
  }

  @Test
  void shouldNotFireAgainWhenTheValueFlapsAroundTheThreshold() {
    // Above, below, above, below ... every 30 s: shorter than resolveAfter, so one episode.
    final int n = 40;
    final long[] times = new long[n];
    final double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = i * 30_000L;
      values[i] = i % 2 == 0 ? 11.0 : 8.0;
    }
    assertThat(run(times, values)).containsExactly(Transition.FIRING);
  }

  @Test
  void shouldKeepFiringWhileTheValueIsInTheHysteresisBand() {
    // 9.5 is below the threshold 10 but not below 10 × (1 − 0.1) = 9: not clear.
    assertThat(run(new long[] {0, 200_000, 400_000, 600_000}, new double[] {11, 9.5, 9.5, 9.5}))
        .containsExactly(Transition.FIRING);
  }

  @Test
  void shouldKeepTheEpisodeIdUntilItResolvesAndStartANewOneAfter() {
    final Step fired = Lifecycle.step(KEY, null, Verdict.above(11, 10, 0.1, "x"), 0, RESOLVE_AFTER);
    final Step clearing =
        Lifecycle.step(KEY, fired.episode(), Verdict.above(1, 10, 0.1, "x"), 1_000, RESOLVE_AFTER);
    final Step resolved =
        Lifecycle.step(
            KEY, clearing.episode(), Verdict.above(1, 10, 0.1, "x"), 121_000, RESOLVE_AFTER);
    final Step again =
        Lifecycle.step(KEY, null, Verdict.above(11, 10, 0.1, "x"), 200_000, RESOLVE_AFTER);
    assertThat(clearing.episode().alertId()).isEqualTo(fired.episode().alertId());
    assertThat(resolved.transition()).isEqualTo(Transition.RESOLVED);
    assertThat(resolved.ended().alertId()).isEqualTo(fired.episode().alertId());
    assertThat(again.episode().alertId()).isNotEqualTo(fired.episode().alertId());
    // Derived from key and start: a replayed evaluation gives the same id.
    assertThat(Episode.start(KEY, 0).alertId()).isEqualTo(fired.episode().alertId());
  }

  @Test
  void shouldAlternateFiringAndResolvedForAnyInput() {
    forAll(
        300,
        8L,
        random ->
            listOf(
                random,
                1,
                60,
                r -> new long[] {longBetween(r, 1_000, 200_000), longBetween(r, 0, 20)}),
        steps -> {
          Episode episode = null;
          long now = 0;
          Transition last = Transition.RESOLVED;
          long clearSince = -1;
          for (final long[] s : steps) {
            now += s[0];
            final Verdict verdict = Verdict.above(s[1], 10.0, 0.1, "x");
            final Step step = Lifecycle.step(KEY, episode, verdict, now, RESOLVE_AFTER);
            if (step.transition() != Transition.NONE) {
              assertThat(step.transition()).isNotEqualTo(last);
              last = step.transition();
            }
            if (step.transition() == Transition.RESOLVED) {
              // Only after the condition was clear for resolveAfter without interruption.
              assertThat(now - clearSince).isGreaterThanOrEqualTo(RESOLVE_AFTER.toMillis());
            }
            clearSince = verdict.clear() ? (clearSince < 0 ? now : clearSince) : -1;
            if (step.transition() == Transition.RESOLVED) {
              clearSince = -1;
            }
            assertThat(step.episode() != null).isEqualTo(last == Transition.FIRING);
            episode = step.episode();
          }
        });
  }
}
