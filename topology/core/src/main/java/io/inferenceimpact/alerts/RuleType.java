package io.inferenceimpact.alerts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code type} of a rule, as written in the rules file. */
public enum RuleType {
  THRESHOLD("threshold"),
  BUDGET_BURN("budget-burn"),
  EFFICIENCY_REGRESSION("efficiency-regression"),
  DIRTY_GRID("dirty-grid"),
  STALE_TELEMETRY("stale-telemetry");

  private final String written;

  RuleType(final String written) {
    this.written = written;
  }

  public String written() {
    return written;
  }

  public static Optional<RuleType> parse(final String text) {
    return Arrays.stream(values()).filter(t -> t.written.equals(text)).findFirst();
  }

  public static List<String> allWritten() {
    return Arrays.stream(values()).map(RuleType::written).toList();
  }
}
