package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.AlertFacts;
import io.inferenceimpact.alerts.BurnLedger;
import io.inferenceimpact.alerts.EfficiencyBaseline;
import io.inferenceimpact.alerts.Episode;

/**
 * State of one window rule for one subject (store {@value WindowRuleProcessor#STORE}, JSON): the
 * firing episode (null if none), the facts of the last evaluation, the end of the last window seen,
 * and the rule's memory: the budget ledger or the efficiency baseline (null for others).
 */
record WindowRuleState(
    Episode episode,
    AlertFacts facts,
    long lastWindowEndMillis,
    BurnLedger ledger,
    EfficiencyBaseline baseline) {}
