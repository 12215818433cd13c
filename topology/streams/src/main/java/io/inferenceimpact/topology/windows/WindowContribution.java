package io.inferenceimpact.topology.windows;

/**
 * One request's or one idle slot's share of a model window, keyed by model on the {@code
 * model-rates-by-model} repartition topic (JSON).
 *
 * @param model the model charged
 * @param zone grid zone of the energy
 * @param tenant tenant of a request, null for idle energy and requests without one
 * @param eventTimeMillis request end time, or idle slot start: picks the window
 * @param totals the quantities
 */
public record WindowContribution(
    String model, String zone, String tenant, long eventTimeMillis, WindowTotals totals) {}
