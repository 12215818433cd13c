package io.inferenceimpact.simulate;

import java.util.List;

/**
 * Picks the zone the alerts scenario makes dirty: the first zone of the first model served in two
 * or more zones, so that another zone serving the same model stays clean. Null when no model is
 * served in two zones (a one-node fleet).
 */
final class DirtyZone {
  private DirtyZone() {}

  static String of(final Fleet fleet) {
    for (final List<Fleet.Deployment> deployments : fleet.deploymentsByModel().values()) {
      final List<String> zones = deployments.stream().map(d -> d.node().zone()).distinct().toList();
      if (zones.size() >= 2) {
        return zones.get(0);
      }
    }
    return null;
  }
}
