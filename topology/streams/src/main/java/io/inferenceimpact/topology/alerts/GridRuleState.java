package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.AlertFacts;
import io.inferenceimpact.alerts.Episode;
import io.inferenceimpact.alerts.GridView;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dirty-grid rules' whole state (one entry of store {@value GridRuleProcessor#STORE}, JSON):
 * the grid view and, per alert key, the firing episode and its last facts.
 */
record GridRuleState(GridView view, Map<String, Episode> episodes, Map<String, AlertFacts> facts) {
  GridRuleState {
    view = view == null ? GridView.empty() : view;
    episodes = new TreeMap<>(episodes == null ? Map.of() : episodes);
    facts = new TreeMap<>(facts == null ? Map.of() : facts);
  }
}
