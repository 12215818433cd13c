package io.inferenceimpact.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** What the caching decorator keeps, for how long, and what it never caches. */
class CachedSchemaRegistryClientTest {

  private static final long SECOND_NANOS = 1_000_000_000L;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AtomicLong clockNanos = new AtomicLong();

  private static Schema record(final String name) {
    return SchemaBuilder.record(name).namespace("test").fields().requiredInt("n").endRecord();
  }

  @Test
  void shouldServeRepeatedRegistrationsLookupsAndIdsFromCache() {
    final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry, 10, -1);
    final int id = cached.register("s", record("A"));

    for (int i = 0; i < 5; i++) {
      assertThat(cached.register("s", record("A"))).isEqualTo(id);
      assertThat(cached.lookup("s", record("A"))).isEqualTo(id);
      assertThat(cached.getById(id)).isEqualTo(record("A"));
    }

    assertThat(registry.registerCalls).hasValue(1);
    assertThat(registry.lookupCalls).hasValue(0);
    assertThat(registry.getByIdCalls).hasValue(1);
  }

  @Test
  void shouldStayWithinItsCapacity() {
    final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry, 3, -1);
    for (int i = 0; i < 10; i++) {
      cached.getById(registry.register("s", record("R" + i)));
    }

    assertThat(cached.cachedSchemaCount()).isEqualTo(3);
  }

  @Test
  void shouldNotCacheFailures() {
    final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry, 10, -1);
    final int id = registry.register("s", record("A"));
    registry.setUnavailable(true);
    assertThatThrownBy(() -> cached.getById(id)).isInstanceOf(SchemaRegistryException.class);
    registry.setUnavailable(false);

    assertThat(cached.getById(id)).isEqualTo(record("A"));
  }

  @Test
  void shouldRefreshTheLatestVersionAfterItsTtl() {
    final CachedSchemaRegistryClient cached =
        new CachedSchemaRegistryClient(registry, 10, 60, clockNanos::get);
    registry.register("s", record("A"));
    assertThat(cached.getLatest("s").version()).isEqualTo(1);
    registry.register("s", record("B")); // behind the cache's back

    clockNanos.addAndGet(59 * SECOND_NANOS);
    assertThat(cached.getLatest("s").version()).isEqualTo(1);
    clockNanos.addAndGet(2 * SECOND_NANOS);
    assertThat(cached.getLatest("s").version()).isEqualTo(2);
    assertThat(registry.getLatestCalls).hasValue(2);
  }

  @Test
  void shouldForgetTheLatestVersionWhenItRegistersANewSchema() {
    final CachedSchemaRegistryClient cached =
        new CachedSchemaRegistryClient(registry, 10, -1, clockNanos::get);
    cached.register("s", record("A"));
    assertThat(cached.getLatest("s").version()).isEqualTo(1);

    cached.register("s", record("B"));

    assertThat(cached.getLatest("s").version()).isEqualTo(2);
  }
}
