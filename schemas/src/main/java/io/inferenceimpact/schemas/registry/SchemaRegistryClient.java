package io.inferenceimpact.schemas.registry;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The Schema Registry operations the serdes and tools need, in terms of the Confluent REST API
 * (also served by Apicurio's ccompat API). Implementations throw {@link SchemaRegistryException}
 * (unchecked); HTTP error answers arrive as {@link SchemaRegistryHttpException}.
 *
 * <p>{@link #create(Map)} builds the production stack: an HTTP client behind a cache, so that the
 * hot path (id ↔ schema) stops calling the registry once warm.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
  int register(String subject, Schema schema);

  /** Returns the id of {@code schema} if it is already registered under {@code subject}. */
  int lookup(String subject, Schema schema);

  /** Returns the schema with the global id {@code id}. */
  Schema getById(int id);

  /** Returns the latest version registered under {@code subject}. */
  SchemaMetadata getLatest(String subject);

  /** Returns one version of {@code subject}. */
  SchemaMetadata getVersion(String subject, int version);

  /** Version numbers registered under {@code subject}, ascending. */
  List<Integer> getVersions(String subject);

  /**
   * Whether {@code schema} is compatible with the latest version of {@code subject} under the
   * subject's compatibility level. A subject without versions accepts any schema.
   */
  boolean testCompatibility(String subject, Schema schema);

  /** Compatibility level of {@code subject}, or the global one when {@code subject} is null. */
  CompatibilityLevel getCompatibility(String subject);

  /** Sets the compatibility level of {@code subject}, or the global one when it is null. */
  void setCompatibility(String subject, CompatibilityLevel level);

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}

  /**
   * A cached HTTP client built from Confluent-style configs ({@code schema.registry.url}, auth,
   * TLS, retries); see {@link SchemaRegistryClientConfig} for the keys.
   */
  static SchemaRegistryClient create(final Map<String, ?> configs) {
    final SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(configs);
    return new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(config), config);
  }
}
