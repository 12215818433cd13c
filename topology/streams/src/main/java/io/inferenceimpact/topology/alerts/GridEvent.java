package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.alerts.ZoneIntensity;

/**
 * Input of the dirty-grid rules on the repartition topic {@code alerts-grid}: either a zone's new
 * intensity ({@code intensity} set) or a sign that a model is served in a zone ({@code model} set),
 * at event time {@code atMillis}. JSON.
 */
record GridEvent(String zone, long atMillis, ZoneIntensity intensity, String model) {}
