package io.inferenceimpact.schemas.registry;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe map with an upper bound on its size. Reads are lock-free (the hot path); when the
 * bound is reached an arbitrary entry is evicted. Registries hold few schemas, so eviction is the
 * rare guard against an unbounded subject explosion, not a policy to optimise.
 */
final class BoundedCache<K, V> {

  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
  private final int capacity;

  BoundedCache(final int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  V get(final K key) {
    return map.get(key);
  }

  /**
   * The cached value, or the one {@code loader} returns (stored). The loader runs outside any lock,
   * so two threads missing at once may both load; both get an equal value.
   */
  V getOrLoad(final K key, final Function<? super K, ? extends V> loader) {
    final V cached = map.get(key);
    if (cached != null) {
      return cached;
    }
    final V loaded = loader.apply(key);
    put(key, loaded);
    return loaded;
  }

  void put(final K key, final V value) {
    while (map.size() >= capacity && !map.containsKey(key)) {
      final Iterator<K> keys = map.keySet().iterator();
      if (!keys.hasNext()) {
        break;
      }
      map.remove(keys.next());
    }
    map.put(key, value);
  }

  void remove(final K key) {
    map.remove(key);
  }

  int size() {
    return map.size();
  }
}
