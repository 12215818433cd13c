package io.inferenceimpact.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.inferenceimpact.alerts.AlertRules;
import io.inferenceimpact.alerts.InvalidRulesException;
import io.inferenceimpact.binding.ConfigNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code alerts} section. The rules are loaded and validated with the rest of the
 * configuration, so that a bad rules file stops every command before anything starts, with one
 * problem per rule and field.
 *
 * @param rulesFile path of the alert rules file, or null for the built-in rules
 * @param evaluateEvery how often (wall clock) the alert stage re-evaluates conditions that can end
 *     without new input: telemetry silence, traffic that stopped, budget burn that decays
 * @param rules the validated rules (the file's, or the built-in ones); not printed with the
 *     configuration, whose layout has no such key ({@code impact alerts validate} lists them)
 */
public record AlertSettings(
    String rulesFile, Duration evaluateEvery, @JsonIgnore AlertRules rules) {

  static AlertSettings bind(final ConfigNode node) {
    final String rulesFile = node.string("rulesFile", null);
    final Duration evaluateEvery = node.duration("evaluateEvery", Duration.ofSeconds(10));
    AlertRules rules = new AlertRules(java.util.List.of());
    if (rulesFile == null) {
      rules = AlertRules.builtIn();
    } else if (!Files.isRegularFile(Path.of(rulesFile))) {
      node.binding().problem(node.pathOf("rulesFile"), "file not found: " + rulesFile);
    } else {
      try {
        rules = AlertRules.load(Path.of(rulesFile));
      } catch (final InvalidRulesException e) {
        e.problems()
            .forEach(p -> node.binding().problem(node.pathOf("rulesFile"), rulesFile + ": " + p));
      }
    }
    node.finish();
    return new AlertSettings(rulesFile, evaluateEvery, rules);
  }
}
