package io.inferenceimpact.binding;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for misspelt keys: same letters in another style, or at most 2 edits away.
 */
public final class Suggestions {
  private Suggestions() {}

  public static Optional<String> didYouMean(
      final String typed, final Collection<String> candidates) {
    final String normal = normalise(typed);
    return candidates.stream()
        .filter(c -> normalise(c).equals(normal) || distance(normalise(c), normal) <= 2)
        .min(Comparator.comparingInt(c -> distance(normalise(c), normal)));
  }

  /** Lower case without separators: {@code server_overhead_watts} = {@code serverOverheadWatts}. */
  public static String normalise(final String key) {
    return key.replaceAll("[._\\-\\s]", "").toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance. */
  public static int distance(final String a, final String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      final int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      previous = current;
    }
    return previous[b.length()];
  }
}
