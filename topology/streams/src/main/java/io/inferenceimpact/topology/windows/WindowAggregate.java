package io.inferenceimpact.topology.windows;

import java.time.Instant;

/**
 * The running totals of one model window, as kept in {@code model-windows-store} (JSON). A zone
 * window has {@code tenant == null}; a tenant window (a second view of the same requests) names it.
 *
 * @param model the model
 * @param zone grid zone
 * @param tenant tenant of a tenant window, else null
 * @param startMillis window start, inclusive
 * @param endMillis window end, exclusive
 * @param totals the sums so far
 */
public record WindowAggregate(
    String model,
    String zone,
    String tenant,
    long startMillis,
    long endMillis,
    WindowTotals totals) {

  /** An empty window of the contribution's model, zone and given tenant view. */
  static WindowAggregate open(
      final WindowContribution c, final String tenant, final long sizeMillis) {
    final long start = Math.floorDiv(c.eventTimeMillis(), sizeMillis) * sizeMillis;
    return new WindowAggregate(
        c.model(), c.zone(), tenant, start, start + sizeMillis, WindowTotals.ZERO);
  }

  WindowAggregate plus(final WindowTotals more) {
    return new WindowAggregate(model, zone, tenant, startMillis, endMillis, totals.plus(more));
  }

  /**
   * Store key: the zero-padded start first, so that the store iterates windows in time order (and
   * the due ones first); then the view and identity, separated by a control character that names do
   * not contain.
   */
  String storeKey() {
    return String.format("%020d", startMillis)
        + (tenant == null ? "\u001fZ\u001f" : "\u001fT\u001f" + tenant + "\u001f")
        + model
        + "\u001f"
        + zone;
  }

  /** Output key: {@code model|zone|windowStartIso}, or {@code model|zone|tenant|windowStartIso}. */
  String outputKey() {
    final String start = Instant.ofEpochMilli(startMillis).toString();
    return tenant == null
        ? model + "|" + zone + "|" + start
        : model + "|" + zone + "|" + tenant + "|" + start;
  }
}
