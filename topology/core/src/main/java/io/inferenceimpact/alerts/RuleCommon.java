package io.inferenceimpact.alerts;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every rule has, whatever its type.
 *
 * @param name unique name of the rule; with the subject it keys the alert
 * @param severity severity of its alerts
 * @param labels extra labels copied onto every alert (routing, runbook URL)
 * @param hysteresis relative margin a value must fall below the threshold before it counts as clear
 *     (0.1: 10 % below), so that a value hovering at the threshold does not flap
 * @param resolveAfter how long the condition must stay clear before the episode is RESOLVED
 */
public record RuleCommon(
    String name,
    Severity severity,
    Map<String, String> labels,
    double hysteresis,
    Duration resolveAfter) {
  public RuleCommon {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }
}
