package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code schemaRegistry} section: the registry URL (comma-separated for several) and any
 * Confluent-named client keys (basic.auth.credentials.source, basic.auth.user.info,
 * bearer.auth.token, schema.registry.ssl.*), passed through untouched.
 */
public record SchemaRegistrySettings(String url, Map<String, String> properties) {
  public static final String DEFAULT_URL = "http://127.0.0.1:8081";

  /** The Confluent client key for the URL, accepted as a synonym of {@code url}. */
  public static final String URL_KEY = "schema.registry.url";

  public SchemaRegistrySettings {
    properties = Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  static SchemaRegistrySettings bind(final ConfigNode node) {
    final Map<String, String> properties = new TreeMap<>(node.passthrough());
    final String fromConfluentKey = properties.remove(URL_KEY);
    final String fromUrl = properties.remove("url");
    final String url =
        fromUrl != null ? fromUrl : fromConfluentKey != null ? fromConfluentKey : DEFAULT_URL;
    for (final String one : url.split(",")) {
      if (!isHttpUrl(one.trim())) {
        node.binding()
            .problem(node.pathOf("url"), "must be an http(s) URL, was '" + one.trim() + "'");
      }
    }
    return new SchemaRegistrySettings(url, properties);
  }

  /** The Confluent client properties including {@code schema.registry.url}; a fresh copy. */
  public Map<String, String> clientProperties() {
    final Map<String, String> copy = new TreeMap<>(properties);
    copy.put(URL_KEY, url);
    return copy;
  }

  @Override
  public String toString() {
    return "SchemaRegistrySettings[url=" + url + ", properties=" + Secrets.masked(properties) + "]";
  }

  private static boolean isHttpUrl(final String text) {
    try {
      final URI uri = URI.create(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (final IllegalArgumentException e) {
      return false;
    }
  }
}
