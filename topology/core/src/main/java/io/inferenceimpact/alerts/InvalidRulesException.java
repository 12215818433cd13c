package io.inferenceimpact.alerts;

import java.util.List;

/** An alert rules file that cannot be used; {@link #problems()} names each rule and field. */
public final class InvalidRulesException extends Exception {
  private final List<String> problems;

  public InvalidRulesException(final List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
