package io.inferenceimpact.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one configuration load: the problems found so far, every scalar key path the binders
 * asked for (so environment variables can be matched to keys), and which key paths were set by
 * which environment variable (so a problem can say where a bad value came from).
 */
final class Binding {
  private final List<String> problems = new ArrayList<>();
  private final Set<String> knownPaths = new LinkedHashSet<>();
  private final Map<String, String> origins = new HashMap<>();

  void problem(final String keyPath, final String message) {
    final String origin = origins.get(keyPath);
    problems.add(keyPath + ": " + message + (origin == null ? "" : " (set by " + origin + ")"));
  }

  /** A problem not tied to one key path, e.g. an unreadable file. */
  void problem(final String message) {
    problems.add(message);
  }

  void known(final String keyPath) {
    knownPaths.add(keyPath);
  }

  void origin(final String keyPath, final String envVariable) {
    origins.put(keyPath, envVariable);
  }

  /** The environment variable that set the key path, or null when it did not come from one. */
  String originOf(final String keyPath) {
    return origins.get(keyPath);
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  Set<String> knownPaths() {
    return Set.copyOf(knownPaths);
  }
}
