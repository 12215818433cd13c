package io.inferenceimpact.topology.attribution;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store with all its entries also in memory, in key order: reads never touch the store
 * (no value decoded, no iterator over the tombstones of deleted entries), writes go to both, and a
 * write of the value already held is skipped (no changelog record for it). Loaded from the store
 * when the processor is initialised, which Kafka Streams does again whenever it revives a task
 * (after an aborted transaction the stores are restored from their changelogs first), so the memory
 * never holds what the committed state does not.
 *
 * <p>For stores bounded by the stage's grace (at most a grace period of slots and requests).
 */
final class Mirror<V> {
  private final KeyValueStore<String, V> store;
  private final TreeMap<String, V> entries = new TreeMap<>();
  private final NavigableMap<String, V> view = Collections.unmodifiableNavigableMap(entries);

  Mirror(final KeyValueStore<String, V> store) {
    this.store = store;
    try (KeyValueIterator<String, V> all = store.all()) {
      all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
    }
  }

  V get(final String key) {
    return entries.get(key);
  }

  void put(final String key, final V value) {
    final V before = entries.put(key, value);
    if (!sameValue(before, value)) {
      store.put(key, value);
    }
  }

  void delete(final String key) {
    if (entries.remove(key) != null) {
      store.put(key, null); // a delete that does not read (and decode) the old value back
    }
  }

  /** Every entry in key order, read-only (change the mirror through put and delete). */
  NavigableMap<String, V> entries() {
    return view;
  }

  private static boolean sameValue(final Object a, final Object b) {
    // Records with array components compare arrays by identity: such values are rewritten.
    return a != null && (a == b || (isValueType(a) && Objects.equals(a, b)));
  }

  private static boolean isValueType(final Object value) {
    return value instanceof String || value instanceof Long;
  }
}
