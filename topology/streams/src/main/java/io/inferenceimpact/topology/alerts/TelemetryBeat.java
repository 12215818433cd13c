package io.inferenceimpact.topology.alerts;

/**
 * Input of the stale-telemetry rules on the repartition topic {@code alerts-telemetry}, keyed by
 * node: the node served a request ({@code sample} false) or sent a GPU sample ({@code sample} true)
 * at event time {@code atMillis}. Throttled upstream. JSON.
 */
record TelemetryBeat(String node, boolean sample, long atMillis) {}
