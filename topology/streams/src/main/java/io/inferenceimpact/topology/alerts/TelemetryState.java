package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.AlertFacts;
import io.inferenceimpact.alerts.Episode;
import io.inferenceimpact.alerts.NodeWatch;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's state in store {@value TelemetryRuleProcessor#STORE} (JSON): what it last sent, and
 * per alert key the firing episode and its last facts.
 */
record TelemetryState(
    NodeWatch watch, Map<String, Episode> episodes, Map<String, AlertFacts> facts) {
  TelemetryState {
    watch = watch == null ? NodeWatch.empty() : watch;
    episodes = new TreeMap<>(episodes == null ? Map.of() : episodes);
    facts = new TreeMap<>(facts == null ? Map.of() : facts);
  }
}
