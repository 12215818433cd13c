package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;

/**
 * The {@code metrics} section: where the Prometheus endpoint listens, how many distinct label
 * values each bounded label may take before later ones are reported as {@code other}, and the
 * optional bearer token that scrapers must present. Loopback by default, so exposing it is a
 * conscious choice. The token is a secret: it comes only from {@value #BEARER_TOKEN_VARIABLE},
 * never from a file, and is masked in every printout.
 *
 * @param port 0 picks a free port (tests)
 * @param bearerToken null when scrapes need no token
 * @param otlp the optional OpenTelemetry (OTLP/HTTP) export of the same meters
 */
public record MetricsSettings(
    boolean enabled,
    String bindAddress,
    int port,
    String path,
    int maxModels,
    int maxZones,
    boolean tenantLabels,
    int maxTenants,
    String bearerToken,
    OtlpSettings otlp) {

  /** The only source of {@code metrics.bearerToken}. */
  public static final String BEARER_TOKEN_VARIABLE = "IMPACT_METRICS_BEARER_TOKEN";

  /** Settings without OTLP export. */
  public MetricsSettings(
      final boolean enabled,
      final String bindAddress,
      final int port,
      final String path,
      final int maxModels,
      final int maxZones,
      final boolean tenantLabels,
      final int maxTenants,
      final String bearerToken) {
    this(
        enabled,
        bindAddress,
        port,
        path,
        maxModels,
        maxZones,
        tenantLabels,
        maxTenants,
        bearerToken,
        OtlpSettings.DISABLED);
  }

  static MetricsSettings bind(final ConfigNode node) {
    final MetricsSettings m =
        new MetricsSettings(
            node.bool("enabled", true),
            node.string("bindAddress", "127.0.0.1"),
            node.integer("port", 9464, 0, 65_535),
            node.string("path", "/metrics"),
            node.integer("maxModels", 50, 1, 10_000),
            node.integer("maxZones", 50, 1, 10_000),
            node.bool("tenantLabels", false),
            node.integer("maxTenants", 20, 1, 10_000),
            node.string("bearerToken", null),
            OtlpSettings.bind(node.child("otlp")));
    if (!m.path().startsWith("/")) {
      node.binding().problem(node.pathOf("path"), "must start with '/', was '" + m.path() + "'");
    } else if (m.path().equals("/health") || m.path().equals("/ready")) {
      node.binding().problem(node.pathOf("path"), "must not be /health or /ready");
    }
    final String tokenPath = node.pathOf("bearerToken");
    if (m.bearerToken() != null
        && !BEARER_TOKEN_VARIABLE.equals(node.binding().originOf(tokenPath))) {
      node.binding()
          .problem(
              tokenPath,
              "is a secret: set it only through the environment variable "
                  + BEARER_TOKEN_VARIABLE
                  + ", not in a file");
    }
    node.finish();
    return m;
  }

  /** The same settings listening on {@code otherPort}. */
  public MetricsSettings withPort(final int otherPort) {
    return new MetricsSettings(
        enabled,
        bindAddress,
        otherPort,
        path,
        maxModels,
        maxZones,
        tenantLabels,
        maxTenants,
        bearerToken,
        otlp);
  }

  /** True when scrapes must present {@code Authorization: Bearer <token>}. */
  public boolean requiresToken() {
    return bearerToken != null;
  }

  @Override
  public String toString() {
    return "MetricsSettings[enabled="
        + enabled
        + ", bindAddress="
        + bindAddress
        + ", port="
        + port
        + ", path="
        + path
        + ", maxModels="
        + maxModels
        + ", maxZones="
        + maxZones
        + ", tenantLabels="
        + tenantLabels
        + ", maxTenants="
        + maxTenants
        + ", bearerToken="
        + (bearerToken == null ? "none" : Secrets.MASK)
        + ", otlp="
        + otlp
        + "]";
  }
}
