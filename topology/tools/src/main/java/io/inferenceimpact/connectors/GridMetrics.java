package io.inferenceimpact.connectors;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the poller reports: per connector and zone, the time of the last successful poll, failures
 * by kind, values published and values skipped as unchanged. Thread-safe; a metrics registry reads
 * it through the getters (bound to Micrometer elsewhere).
 */
public final class GridMetrics {
  private final Map<String, AtomicLong> lastSuccessEpochMillis = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> published = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> unchanged = new ConcurrentHashMap<>();

  void success(final String connector, final String zone, final long epochMillis) {
    counter(lastSuccessEpochMillis, key(connector, zone)).set(epochMillis);
  }

  void failure(final String connector, final String zone, final String kind) {
    counter(failures, key(connector, zone) + "/" + kind).incrementAndGet();
  }

  void published(final String connector, final String zone, final int count) {
    counter(published, key(connector, zone)).addAndGet(count);
  }

  void unchanged(final String connector, final String zone, final int count) {
    counter(unchanged, key(connector, zone)).addAndGet(count);
  }

  /** Epoch millis of the last poll of the zone that succeeded, if any did. */
  public OptionalLong lastSuccessEpochMillis(final String connector, final String zone) {
    final AtomicLong value = lastSuccessEpochMillis.get(key(connector, zone));
    return value == null ? OptionalLong.empty() : OptionalLong.of(value.get());
  }

  /** Failed polls of the zone, all kinds together. */
  public long failures(final String connector, final String zone) {
    final String prefix = key(connector, zone) + "/";
    return failures.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  /** Failed polls of the zone of one kind (auth, format, io, http-503 ...). */
  public long failures(final String connector, final String zone, final String kind) {
    final AtomicLong value = failures.get(key(connector, zone) + "/" + kind);
    return value == null ? 0 : value.get();
  }

  public long published(final String connector, final String zone) {
    final AtomicLong value = published.get(key(connector, zone));
    return value == null ? 0 : value.get();
  }

  public long unchanged(final String connector, final String zone) {
    final AtomicLong value = unchanged.get(key(connector, zone));
    return value == null ? 0 : value.get();
  }

  /** All failure counters as {@code connector/zone/kind → count}, sorted. */
  public Map<String, Long> failureCounts() {
    final Map<String, Long> copy = new TreeMap<>();
    failures.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  private static String key(final String connector, final String zone) {
    return connector + "/" + zone;
  }

  private static AtomicLong counter(final Map<String, AtomicLong> map, final String key) {
    return map.computeIfAbsent(key, k -> new AtomicLong());
  }
}
