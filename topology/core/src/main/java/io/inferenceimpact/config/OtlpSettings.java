package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The {@code metrics.otlp} section: optional OpenTelemetry export of the same meters that {@code
 * /metrics} shows, pushed as OTLP/HTTP protobuf to a collector every {@code step}. Off by default.
 *
 * @param url the collector's metrics endpoint, e.g. {@code http://127.0.0.1:4318/v1/metrics}
 * @param step how often the meters are pushed (and the length of each delta/cumulative step)
 * @param serviceName the {@code service.name} resource attribute of the exported metrics
 */
public record OtlpSettings(boolean enabled, URI url, Duration step, String serviceName) {

  /** Export off, the collector's default local endpoint, a push a minute. */
  public static final OtlpSettings DISABLED =
      new OtlpSettings(
          false,
          URI.create("http://127.0.0.1:4318/v1/metrics"),
          Duration.ofSeconds(60),
          "inference-impact");

  private static final Duration MIN_STEP = Duration.ofSeconds(1);

  static OtlpSettings bind(final ConfigNode node) {
    final boolean enabled = node.bool("enabled", DISABLED.enabled());
    final String rawUrl = node.string("url", DISABLED.url().toString());
    final Duration step = node.duration("step", DISABLED.step());
    final String serviceName = node.string("serviceName", DISABLED.serviceName());
    final URI url = httpUrl(rawUrl);
    if (url == null) {
      node.binding()
          .problem(
              node.pathOf("url"),
              "must be an http:// or https:// URL with a host (the collector's OTLP/HTTP"
                  + " endpoint, e.g. http://127.0.0.1:4318/v1/metrics), was '"
                  + rawUrl
                  + "'");
    }
    if (step.compareTo(MIN_STEP) < 0) {
      node.binding().problem(node.pathOf("step"), "must be at least 1s, was " + step);
    }
    if (serviceName.isBlank()) {
      node.binding().problem(node.pathOf("serviceName"), "must not be empty");
    }
    node.finish();
    return new OtlpSettings(enabled, url == null ? DISABLED.url() : url, step, serviceName);
  }

  private static URI httpUrl(final String text) {
    try {
      final URI parsed = new URI(text);
      final boolean http = "http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme());
      return http && parsed.getHost() != null ? parsed : null;
    } catch (final URISyntaxException e) {
      return null;
    }
  }
}
