package io.inferenceimpact.config;

/**
 * The {@code metrics} section: where the Prometheus endpoint listens. Loopback by default, so
 * exposing it is a conscious choice.
 */
public record MetricsSettings(boolean enabled, String bindAddress, int port, String path) {

  static MetricsSettings bind(final ConfigNode node) {
    final MetricsSettings m =
        new MetricsSettings(
            node.bool("enabled", true),
            node.string("bindAddress", "127.0.0.1"),
            node.integer("port", 9464, 0, 65_535),
            node.string("path", "/metrics"));
    if (!m.path().startsWith("/")) {
      node.binding().problem(node.pathOf("path"), "must start with '/', was '" + m.path() + "'");
    }
    node.finish();
    return m;
  }
}
