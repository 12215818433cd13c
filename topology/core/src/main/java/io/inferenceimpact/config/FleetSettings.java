package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code fleet} section: defaults for every node, and the nodes by name. */
public record FleetSettings(NodeSettings defaults, Map<String, NodeSettings> nodes) {

  public FleetSettings {
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
  }

  static FleetSettings bind(final ConfigNode node) {
    final NodeSettings defaults = NodeSettings.bind(node.child("defaults"), NodeSettings.DEFAULTS);
    final Map<String, NodeSettings> nodes = new LinkedHashMap<>();
    node.entries("nodes")
        .forEach((name, entry) -> nodes.put(name, NodeSettings.bind(entry, defaults)));
    node.finish();
    return new FleetSettings(defaults, nodes);
  }

  /** These settings plus the given nodes (which replace configured nodes of the same name). */
  public FleetSettings withNodes(final Map<String, NodeSettings> more) {
    final Map<String, NodeSettings> merged = new LinkedHashMap<>(nodes);
    merged.putAll(more);
    return new FleetSettings(defaults, merged);
  }

  /** The node's settings, or the defaults for a node the configuration does not list. */
  public NodeSettings node(final String name) {
    return nodes.getOrDefault(name, defaults);
  }
}
