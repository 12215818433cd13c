package io.inferenceimpact.config;

import java.util.List;

/** Thrown when a configuration has problems; carries all of them, each naming its key path. */
public final class InvalidConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidConfigException(final List<String> problems) {
    super("invalid configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, e.g. {@code fleet.nodes[node-3].pue: must be >= 1.0, was 0.8}. */
  public List<String> problems() {
    return problems;
  }
}
