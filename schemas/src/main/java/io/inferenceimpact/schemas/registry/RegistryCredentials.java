package io.inferenceimpact.schemas.registry;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The HTTP headers that authenticate to the registry (basic or bearer), built from Confluent's
 * {@code basic.auth.*} / {@code bearer.auth.*} configs or from the URL's userinfo. The secret only
 * lives in the header values; {@link #toString()} names the kind of auth, nothing more.
 */
final class RegistryCredentials {

  private static final RegistryCredentials NONE = new RegistryCredentials("none", Map.of());

  private final String kind;
  private final Map<String, String> headers;

  private RegistryCredentials(final String kind, final Map<String, String> headers) {
    this.kind = kind;
    this.headers = Map.copyOf(headers);
  }

  static RegistryCredentials from(final Map<String, ?> configs, final List<URI> urls) {
    final Optional<String> basic = basicUserInfo(configs, urls);
    final Optional<String> bearerSource =
        SchemaRegistryClientConfig.string(
            configs, SchemaRegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE);
    final Optional<String> token =
        SchemaRegistryClientConfig.string(configs, SchemaRegistryClientConfig.BEARER_AUTH_TOKEN);
    if (bearerSource.isPresent() || token.isPresent()) {
      if (basic.isPresent()) {
        throw new ConfigException(
            "Configure either basic or bearer auth for the schema registry, not both");
      }
      if (bearerSource.isPresent() && !bearerSource.get().equalsIgnoreCase("STATIC_TOKEN")) {
        throw new ConfigException(
            "Unsupported '"
                + SchemaRegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE
                + "': only STATIC_TOKEN is supported");
      }
      final Map<String, String> headers = new LinkedHashMap<>();
      headers.put(
          "Authorization",
          "Bearer "
              + token.orElseThrow(
                  () ->
                      new ConfigException(
                          "'"
                              + SchemaRegistryClientConfig.BEARER_AUTH_TOKEN
                              + "' is required for bearer auth")));
      SchemaRegistryClientConfig.string(
              configs, SchemaRegistryClientConfig.BEARER_AUTH_LOGICAL_CLUSTER)
          .ifPresent(v -> headers.put("target-sr-cluster", v));
      SchemaRegistryClientConfig.string(
              configs, SchemaRegistryClientConfig.BEARER_AUTH_IDENTITY_POOL_ID)
          .ifPresent(v -> headers.put("Confluent-Identity-Pool-Id", v));
      return new RegistryCredentials("bearer", headers);
    }
    return basic
        .map(
            userInfo ->
                new RegistryCredentials(
                    "basic",
                    Map.of(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)))))
        .orElse(NONE);
  }

  private static Optional<String> basicUserInfo(
      final Map<String, ?> configs, final List<URI> urls) {
    final String source =
        SchemaRegistryClientConfig.string(
                configs, SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE)
            .map(s -> s.toUpperCase(Locale.ROOT))
            .orElse("");
    final Optional<String> userInfo =
        SchemaRegistryClientConfig.string(configs, SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO);
    final Optional<String> fromUrl =
        urls.stream()
            .map(URI::getRawUserInfo)
            .filter(u -> u != null && !u.isEmpty())
            .map(u -> URLDecoder.decode(u, StandardCharsets.UTF_8))
            .findFirst();
    switch (source) {
      case "USER_INFO":
        if (userInfo.isEmpty() || !userInfo.get().contains(":")) {
          throw new ConfigException(
              "'"
                  + SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO
                  + "' must be user:password when the credentials source is USER_INFO");
        }
        return userInfo;
      case "URL":
        return fromUrl;
      case "":
        return userInfo.isPresent() ? userInfo : fromUrl;
      default:
        throw new ConfigException(
            "Unsupported '"
                + SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE
                + "': use USER_INFO or URL");
    }
  }

  /** Header name → value; empty without credentials. */
  Map<String, String> headers() {
    return headers;
  }

  @Override
  public String toString() {
    return kind;
  }
}
