package io.inferenceimpact.app;

import io.inferenceimpact.alerts.AlertRule;
import io.inferenceimpact.alerts.AlertRules;
import io.inferenceimpact.alerts.InvalidRulesException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code impact alerts validate}: checks an alert rules file (or the built-in rules) without
 * starting anything; prints each rule, or every problem naming rule and field and exits 3.
 */
@Command(
    name = "validate",
    description = "Check an alert rules file; print its rules, or every problem (rule and field).")
final class AlertsValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "Alert rules file (YAML); default: the built-in rules.")
  Path rules;

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final AlertRules loaded;
    if (rules == null) {
      loaded = AlertRules.builtIn();
    } else if (!Files.isRegularFile(rules)) {
      err.println("alert rules file not found: " + rules);
      err.flush();
      return ExitCodes.INVALID_CONFIGURATION;
    } else {
      try {
        loaded = AlertRules.load(rules);
      } catch (final InvalidRulesException e) {
        err.println(
            "invalid alert rules in "
                + rules
                + " ("
                + e.problems().size()
                + (e.problems().size() == 1 ? " problem):" : " problems):"));
        e.problems().forEach(p -> err.println("  " + p));
        err.flush();
        return ExitCodes.INVALID_CONFIGURATION;
      }
    }
    out.println(
        (rules == null ? "built-in rules" : rules.toString())
            + ": "
            + loaded.rules().size()
            + " valid rule(s)");
    for (final AlertRule rule : loaded.rules()) {
      out.println(
          "  "
              + rule.name()
              + " ("
              + rule.type().written()
              + ", "
              + rule.common().severity().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
