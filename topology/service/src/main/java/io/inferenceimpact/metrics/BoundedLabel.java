package io.inferenceimpact.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one metric label may take: the first {@code max} distinct values seen are reported as
 * they are, later ones as {@value #OTHER}, so that a flood of model names or zones cannot grow the
 * number of series (and the registry's memory) without bound. Thread-safe; never holds more than
 * {@code max} values.
 */
final class BoundedLabel {
  /** The bucket of values beyond the bound. */
  static final String OTHER = "other";

  /** What a missing (null or blank) value is reported as; it counts toward the bound. */
  static final String UNKNOWN = "unknown";

  private final int max;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  BoundedLabel(final int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    this.max = max;
  }

  /** The label value to report for {@code raw}: itself, or {@value #OTHER} past the bound. */
  String of(final String raw) {
    final String value = raw == null || raw.isBlank() ? UNKNOWN : raw;
    if (admitted.contains(value)) {
      return value;
    }
    synchronized (this) {
      if (admitted.contains(value)) {
        return value;
      }
      if (admitted.size() >= max) {
        return OTHER;
      }
      admitted.add(value);
      return value;
    }
  }

  /** How many distinct values are reported as themselves. */
  int size() {
    return admitted.size();
  }
}
