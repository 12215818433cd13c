package io.inferenceimpact.config;

/**
 * The one rule for the grid zone of energy: the node's zone from fleet config (a node the
 * configuration does not list, or no node at all, gets {@code fleet.defaults}), else the zone the
 * request names, else {@code zones.defaultZone}. Every stage that needs a zone (measured and
 * estimated requests, idle energy, alerts) asks this class, so that energy of one node lands in one
 * zone row.
 */
public final class Zones {
  private Zones() {}

  /**
   * @param config the configuration (fleet and zones sections)
   * @param node the node name, or null
   * @param requestZone the zone a request names, or null (idle energy has none)
   */
  public static String zoneOf(
      final ImpactConfig config, final String node, final String requestZone) {
    final String nodeZone = config.fleet().node(node).zone();
    if (!isBlank(nodeZone)) {
      return nodeZone;
    }
    return isBlank(requestZone) ? config.zones().defaultZone() : requestZone;
  }

  private static boolean isBlank(final String s) {
    return s == null || s.isBlank();
  }
}
