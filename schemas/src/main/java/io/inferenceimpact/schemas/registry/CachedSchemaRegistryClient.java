package io.inferenceimpact.schemas.registry;

import java.util.List;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Caching decorator of any {@link SchemaRegistryClient}: id → schema, (subject, schema) → id for
 * both {@link #register} and {@link #lookup}, (subject, version) → metadata, and the latest version
 * per subject (with a TTL). After warm-up the serdes' hot path makes no HTTP call. Thread-safe;
 * every cache is bounded by {@link SchemaRegistryClientConfig#MAX_SCHEMAS_PER_SUBJECT}.
 *
 * <p>Schemas are cache keys by Avro's structural equality, which ignores {@code doc}: two schemas
 * that differ only in docs share an id, and they decode the same bytes identically.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

  private record SubjectSchema(String subject, Schema schema) {}

  private record SubjectVersion(String subject, int version) {}

  private record Stamped(SchemaMetadata metadata, long loadedAtNanos) {}

  private final SchemaRegistryClient delegate;
  private final BoundedCache<Integer, Schema> schemasById;
  private final BoundedCache<SubjectSchema, Integer> registeredIds;
  private final BoundedCache<SubjectSchema, Integer> lookedUpIds;
  private final BoundedCache<SubjectVersion, SchemaMetadata> versions;
  private final BoundedCache<String, Stamped> latest;
  private final long latestTtlNanos;
  private final LongSupplier nanoClock;

  /** Caches {@code delegate} with capacity and latest-TTL from {@code config}. */
  public CachedSchemaRegistryClient(
      final SchemaRegistryClient delegate, final SchemaRegistryClientConfig config) {
    this(delegate, config.cacheCapacity(), config.latestCacheTtlSec(), System::nanoTime);
  }

  /**
   * @param capacity most entries per cache
   * @param latestTtlSec how long a latest version is reused; negative: forever, 0: never cached
   */
  public CachedSchemaRegistryClient(
      final SchemaRegistryClient delegate, final int capacity, final long latestTtlSec) {
    this(delegate, capacity, latestTtlSec, System::nanoTime);
  }

  CachedSchemaRegistryClient(
      final SchemaRegistryClient delegate,
      final int capacity,
      final long latestTtlSec,
      final LongSupplier nanoClock) {
    this.delegate = delegate;
    this.schemasById = new BoundedCache<>(capacity);
    this.registeredIds = new BoundedCache<>(capacity);
    this.lookedUpIds = new BoundedCache<>(capacity);
    this.versions = new BoundedCache<>(capacity);
    this.latest = new BoundedCache<>(capacity);
    this.latestTtlNanos = latestTtlSec < 0 ? Long.MAX_VALUE : latestTtlSec * 1_000_000_000L;
    this.nanoClock = nanoClock;
  }

  @Override
  public int register(final String subject, final Schema schema) {
    final SubjectSchema key = new SubjectSchema(subject, schema);
    final Integer cached = registeredIds.get(key);
    if (cached != null) {
      return cached;
    }
    final int id = delegate.register(subject, schema);
    registeredIds.put(key, id);
    lookedUpIds.put(key, id);
    latest.remove(subject); // a new version may now be the latest
    return id;
  }

  @Override
  public int lookup(final String subject, final Schema schema) {
    return lookedUpIds.getOrLoad(
        new SubjectSchema(subject, schema), k -> delegate.lookup(k.subject(), k.schema()));
  }

  @Override
  public Schema getById(final int id) {
    return schemasById.getOrLoad(id, delegate::getById);
  }

  @Override
  public SchemaMetadata getLatest(final String subject) {
    if (latestTtlNanos == 0) {
      return delegate.getLatest(subject);
    }
    final Stamped cached = latest.get(subject);
    final long now = nanoClock.getAsLong();
    if (cached != null && now - cached.loadedAtNanos() < latestTtlNanos) {
      return cached.metadata();
    }
    final SchemaMetadata fresh = delegate.getLatest(subject);
    latest.put(subject, new Stamped(fresh, now));
    versions.put(new SubjectVersion(subject, fresh.version()), fresh);
    schemasById.put(fresh.id(), fresh.schema());
    return fresh;
  }

  @Override
  public SchemaMetadata getVersion(final String subject, final int version) {
    return versions.getOrLoad(
        new SubjectVersion(subject, version), k -> delegate.getVersion(k.subject(), k.version()));
  }

  @Override
  public List<Integer> getVersions(final String subject) {
    return delegate.getVersions(subject);
  }

  @Override
  public boolean testCompatibility(final String subject, final Schema schema) {
    return delegate.testCompatibility(subject, schema);
  }

  @Override
  public CompatibilityLevel getCompatibility(final String subject) {
    return delegate.getCompatibility(subject);
  }

  @Override
  public void setCompatibility(final String subject, final CompatibilityLevel level) {
    delegate.setCompatibility(subject, level);
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Entries in the id → schema cache (for tests and metrics). */
  public int cachedSchemaCount() {
    return schemasById.size();
  }
}
