package io.inferenceimpact.binding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one load of a file through {@link ConfigNode}: the problems found so far and, for
 * the service configuration, every scalar key path the binders asked for (so environment variables
 * can be matched to keys) and which key paths were set by which environment variable (so a problem
 * can say where a bad value came from).
 */
public final class Binding {
  private final List<String> problems = new ArrayList<>();
  private final Set<String> knownPaths = new LinkedHashSet<>();
  private final Map<String, String> origins = new HashMap<>();

  /** Starts an empty load. */
  public Binding() {}

  public void problem(final String keyPath, final String message) {
    final String origin = origins.get(keyPath);
    problems.add(keyPath + ": " + message + (origin == null ? "" : " (set by " + origin + ")"));
  }

  /** A problem not tied to one key, e.g. an unreadable file or a misplaced document. */
  public void problem(final String message) {
    problems.add(message);
  }

  public void known(final String keyPath) {
    knownPaths.add(keyPath);
  }

  public void origin(final String keyPath, final String envVariable) {
    origins.put(keyPath, envVariable);
  }

  /** The environment variable that set the key path, or null when it did not come from one. */
  public String originOf(final String keyPath) {
    return origins.get(keyPath);
  }

  /** Every problem found so far, in the order found. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  public Set<String> knownPaths() {
    return Set.copyOf(knownPaths);
  }
}
