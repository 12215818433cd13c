package io.inferenceimpact.alerts;

import java.time.Duration;

/**
 * The alert lifecycle with hysteresis: a breaching verdict starts an episode (one FIRING); it
 * resolves (one RESOLVED) only after its condition has been clear for {@code resolveAfter} without
 * interruption. A value that dips below and comes back within that time keeps the episode open, so
 * flapping input gives one FIRING, not one per flap.
 */
public final class Lifecycle {
  private Lifecycle() {}

  /** What to publish after a step. */
  public enum Transition {
    NONE,
    FIRING,
    RESOLVED
  }

  /**
   * @param episode the new state: the firing episode, or null when none fires
   * @param transition what to publish
   * @param ended for RESOLVED, the episode that ended (else null)
   */
  public record Step(Episode episode, Transition transition, Episode ended) {}

  /** One evaluation at event time {@code nowMillis}. {@code episode} is null when none fires. */
  public static Step step(
      final String alertKey,
      final Episode episode,
      final Verdict verdict,
      final long nowMillis,
      final Duration resolveAfter) {
    if (episode == null) {
      return verdict.breaching()
          ? new Step(Episode.start(alertKey, nowMillis), Transition.FIRING, null)
          : new Step(null, Transition.NONE, null);
    }
    if (!verdict.clear()) {
      final Episode open =
          episode.clearSinceMillis() == null
              ? episode
              : new Episode(episode.alertId(), episode.firedAtMillis(), null);
      return new Step(open, Transition.NONE, null);
    }
    final long clearSince =
        episode.clearSinceMillis() == null ? nowMillis : episode.clearSinceMillis();
    if (nowMillis - clearSince >= resolveAfter.toMillis()) {
      return new Step(null, Transition.RESOLVED, episode);
    }
    return new Step(
        new Episode(episode.alertId(), episode.firedAtMillis(), clearSince), Transition.NONE, null);
  }
}
