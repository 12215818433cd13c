package io.inferenceimpact.bench;

import io.inferenceimpact.schemas.registry.CompatibilityLevel;
import io.inferenceimpact.schemas.registry.SchemaMetadata;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;

/**
 * Decorator that counts every call reaching the registry over HTTP. The benchmarks put it between
 * the cache and the HTTP client, so that they can prove the measured hot path never left the cache.
 */
final class CountingSchemaRegistryClient implements SchemaRegistryClient {

  private final SchemaRegistryClient delegate;
  private final AtomicLong calls = new AtomicLong();

  CountingSchemaRegistryClient(final SchemaRegistryClient delegate) {
    this.delegate = delegate;
  }

  /** Calls that reached the delegate so far. */
  long calls() {
    return calls.get();
  }

  @Override
  public int register(final String subject, final Schema schema) {
    calls.incrementAndGet();
    return delegate.register(subject, schema);
  }

  @Override
  public int lookup(final String subject, final Schema schema) {
    calls.incrementAndGet();
    return delegate.lookup(subject, schema);
  }

  @Override
  public Schema getById(final int id) {
    calls.incrementAndGet();
    return delegate.getById(id);
  }

  @Override
  public SchemaMetadata getLatest(final String subject) {
    calls.incrementAndGet();
    return delegate.getLatest(subject);
  }

  @Override
  public SchemaMetadata getVersion(final String subject, final int version) {
    calls.incrementAndGet();
    return delegate.getVersion(subject, version);
  }

  @Override
  public List<Integer> getVersions(final String subject) {
    calls.incrementAndGet();
    return delegate.getVersions(subject);
  }

  @Override
  public boolean testCompatibility(final String subject, final Schema schema) {
    calls.incrementAndGet();
    return delegate.testCompatibility(subject, schema);
  }

  @Override
  public CompatibilityLevel getCompatibility(final String subject) {
    calls.incrementAndGet();
    return delegate.getCompatibility(subject);
  }

  @Override
  public void setCompatibility(final String subject, final CompatibilityLevel level) {
    calls.incrementAndGet();
    delegate.setCompatibility(subject, level);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
