package io.inferenceimpact.app;

import java.util.ArrayList;
import java.util.List;

/** One readable line for a failure: each distinct message along the cause chain. */
final class Failures {
  private Failures() {}

  static String describe(final Throwable failure) {
    final List<String> parts = new ArrayList<>();
    for (Throwable t = failure; t != null && parts.size() < 5; t = t.getCause()) {
      final String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (parts.stream().noneMatch(p -> p.contains(message))) {
        parts.add(message);
      }
    }
    return String.join(": ", parts);
  }
}
