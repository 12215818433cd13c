package io.inferenceimpact.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;

/**
 * Schema Registry client settings, read from Confluent-named configs so that a producer's or
 * consumer's existing properties work unchanged. Unprefixed keys may also be given with the {@code
 * schema.registry.} prefix. {@link #toString()} never shows credentials.
 */
public final class SchemaRegistryClientConfig {

  /** Comma-separated base URLs, e.g. {@code http://127.0.0.1:8081} or an Apicurio ccompat URL. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** {@code USER_INFO} (use {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (userinfo of the URL). */
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

  /** {@code user:password} for HTTP basic auth. */
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  /** {@code STATIC_TOKEN} (use {@link #BEARER_AUTH_TOKEN}). */
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";

  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";

  /** Sent as header {@code target-sr-cluster} with bearer auth (Confluent Cloud). */
  public static final String BEARER_AUTH_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";

  /** Sent as header {@code Confluent-Identity-Pool-Id} with bearer auth (Confluent Cloud). */
  public static final String BEARER_AUTH_IDENTITY_POOL_ID = "bearer.auth.identity.pool.id";

  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

  /** {@code JKS} or {@code PKCS12}; default: the JVM's default keystore type. */
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

  /** Retries after the first attempt on 5xx, 408, 429, timeouts and connection errors. */
  public static final String MAX_RETRIES = "max.retries";

  /** Backoff before the first retry; doubles per retry, with jitter. */
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";

  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";

  /** Time limit of one request (connect excluded). */
  public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

  /** Upper bound of entries in each cache of {@link CachedSchemaRegistryClient}. */
  public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";

  /** How long a cached "latest version" stays valid; negative: forever, 0: not cached. */
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final long DEFAULT_RETRIES_WAIT_MS = 100;
  public static final long DEFAULT_RETRIES_MAX_WAIT_MS = 2_000;
  public static final long DEFAULT_HTTP_CONNECT_TIMEOUT_MS = 5_000;
  public static final long DEFAULT_HTTP_READ_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_MAX_SCHEMAS_PER_SUBJECT = 1_000;
  public static final long DEFAULT_LATEST_CACHE_TTL_SEC = -1;

  private static final String PREFIX = "schema.registry.";

  private final List<URI> baseUrls;
  private final RegistryCredentials credentials;
  private final SSLContext sslContext;
  private final String truststoreLocation;
  private final int maxRetries;
  private final long retriesWaitMs;
  private final long retriesMaxWaitMs;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int cacheCapacity;
  private final long latestCacheTtlSec;

  private SchemaRegistryClientConfig(final Map<String, ?> configs) {
    final Object urls = configs.get(SCHEMA_REGISTRY_URL);
    if (urls == null || urls.toString().isBlank()) {
      throw new ConfigException("Missing required configuration '" + SCHEMA_REGISTRY_URL + "'");
    }
    final List<URI> raw = parseUrls(urls.toString());
    this.baseUrls = raw.stream().map(SchemaRegistryClientConfig::withoutUserInfo).toList();
    this.credentials = RegistryCredentials.from(configs, raw);
    this.truststoreLocation = string(configs, SSL_TRUSTSTORE_LOCATION).orElse(null);
    this.sslContext =
        truststoreLocation == null
            ? null
            : TrustStores.sslContext(
                truststoreLocation,
                string(configs, SSL_TRUSTSTORE_PASSWORD).orElse(null),
                string(configs, SSL_TRUSTSTORE_TYPE).orElse(null));
    this.maxRetries = (int) number(configs, MAX_RETRIES, DEFAULT_MAX_RETRIES);
    this.retriesWaitMs = number(configs, RETRIES_WAIT_MS, DEFAULT_RETRIES_WAIT_MS);
    this.retriesMaxWaitMs = number(configs, RETRIES_MAX_WAIT_MS, DEFAULT_RETRIES_MAX_WAIT_MS);
    this.connectTimeout =
        Duration.ofMillis(
            number(configs, HTTP_CONNECT_TIMEOUT_MS, DEFAULT_HTTP_CONNECT_TIMEOUT_MS));
    this.requestTimeout =
        Duration.ofMillis(number(configs, HTTP_READ_TIMEOUT_MS, DEFAULT_HTTP_READ_TIMEOUT_MS));
    this.cacheCapacity =
        (int) number(configs, MAX_SCHEMAS_PER_SUBJECT, DEFAULT_MAX_SCHEMAS_PER_SUBJECT);
    this.latestCacheTtlSec = number(configs, LATEST_CACHE_TTL_SEC, DEFAULT_LATEST_CACHE_TTL_SEC);
    if (maxRetries < 0
        || retriesWaitMs < 0
        || retriesMaxWaitMs < 0
        || cacheCapacity < 1
        || connectTimeout.isNegative()
        || connectTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw new ConfigException(
          "Schema registry retry, timeout and cache settings must be positive");
    }
  }

  /** Reads the client settings from Kafka-style configs (values may be strings or numbers). */
  public static SchemaRegistryClientConfig from(final Map<String, ?> configs) {
    return new SchemaRegistryClientConfig(Objects.requireNonNull(configs, "configs"));
  }

  public List<URI> baseUrls() {
    return baseUrls;
  }

  RegistryCredentials credentials() {
    return credentials;
  }

  /** The TLS context built from the trust store, if one was configured. */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  public int maxRetries() {
    return maxRetries;
  }

  public long retriesWaitMs() {
    return retriesWaitMs;
  }

  public long retriesMaxWaitMs() {
    return retriesMaxWaitMs;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public int cacheCapacity() {
    return cacheCapacity;
  }

  public long latestCacheTtlSec() {
    return latestCacheTtlSec;
  }

  @Override
  public String toString() {
    return "SchemaRegistryClientConfig{urls="
        + baseUrls
        + ", auth="
        + credentials
        + ", truststore="
        + truststoreLocation
        + ", maxRetries="
        + maxRetries
        + ", retriesWaitMs="
        + retriesWaitMs
        + ", retriesMaxWaitMs="
        + retriesMaxWaitMs
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", cacheCapacity="
        + cacheCapacity
        + ", latestCacheTtlSec="
        + latestCacheTtlSec
        + "}";
  }

  /** A config value by its key, or by the key with the {@code schema.registry.} prefix. */
  static Optional<String> string(final Map<String, ?> configs, final String key) {
    Object value = configs.get(key);
    if (value == null && !key.startsWith(PREFIX)) {
      value = configs.get(PREFIX + key);
    }
    if (value instanceof org.apache.kafka.common.config.types.Password password) {
      value = password.value();
    }
    return value == null || value.toString().isBlank()
        ? Optional.empty()
        : Optional.of(value.toString().trim());
  }

  private static long number(final Map<String, ?> configs, final String key, final long fallback) {
    final Optional<String> text = string(configs, key);
    try {
      return text.map(Long::parseLong).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new ConfigException("Configuration '" + key + "' must be a whole number");
    }
  }

  private static List<URI> parseUrls(final String urls) {
    final List<URI> result = new ArrayList<>();
    for (final String part : urls.split(",")) {
      final String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      final URI uri;
      try {
        uri =
            URI.create(
                trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("'" + SCHEMA_REGISTRY_URL + "' holds a malformed URL");
      }
      if (uri.getScheme() == null
          || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new ConfigException(
            "'" + SCHEMA_REGISTRY_URL + "' entries must be http(s)://host[:port][/path] URLs");
      }
      result.add(uri);
    }
    if (result.isEmpty()) {
      throw new ConfigException("'" + SCHEMA_REGISTRY_URL + "' holds no URL");
    }
    return List.copyOf(result);
  }

  private static URI withoutUserInfo(final URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    final String text = uri.toString();
    return URI.create(uri.getScheme() + "://" + text.substring(text.indexOf('@') + 1));
  }
}
