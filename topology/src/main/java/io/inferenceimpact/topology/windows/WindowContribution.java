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
 * @param estimated true for an ESTIMATED request: it reaches the windows one intensity wait after
 *     it ended, measured requests and idle energy one energy grace after theirs, so the window
 *     stage lets neither kind move its horizon ahead of the other ({@link ModelWindowProcessor})
 */
public record WindowContribution(
    String model,
    String zone,
    String tenant,
    long eventTimeMillis,
    WindowTotals totals,
    boolean estimated) {

  /** A contribution that came through measured attribution (or idle energy). */
  public WindowContribution(
      final String model,
      final String zone,
      final String tenant,
      final long eventTimeMillis,
      final WindowTotals totals) {
    this(model, zone, tenant, eventTimeMillis, totals, false);
  }
}
