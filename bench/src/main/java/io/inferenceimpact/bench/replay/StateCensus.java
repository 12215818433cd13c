package io.inferenceimpact.bench.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts what the topology holds: the exact number of entries of every state store (by iterating
 * it; RocksDB's own estimate is unreliable after deletes), the bytes of the state directory on
 * disk, and the JVM heap in use after a full GC (which includes the driver's own queues).
 */
final class StateCensus {
  private final List<String> stores;
  private final Path stateDir;

  StateCensus(final Topology topology, final Path stateDir) {
    final TreeSet<String> names = new TreeSet<>();
    for (final TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (final TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          names.addAll(processor.stores());
        }
      }
    }
    this.stores = List.copyOf(names);
    this.stateDir = stateDir;
  }

  List<String> stores() {
    return stores;
  }

  /** Entries per store, in {@link #stores()} order. */
  Map<String, Long> entries(final TopologyTestDriver driver) {
    final Map<String, Long> counts = new LinkedHashMap<>();
    for (final String name : stores) {
      final KeyValueStore<Object, Object> store = driver.getKeyValueStore(name);
      if (store == null) {
        // A versioned store (the grid intensities) has no key-value view in the test driver;
        // this load has no grid input, so it stays empty. Reported as -1: not counted.
        counts.put(name, -1L);
        continue;
      }
      long n = 0;
      try (KeyValueIterator<Object, Object> all = store.all()) {
        while (all.hasNext()) {
          all.next();
          n++;
        }
      }
      counts.put(name, n);
    }
    return counts;
  }

  long diskBytes() {
    try (Stream<Path> files = Files.walk(stateDir)) {
      final List<Path> regular = new ArrayList<>();
      files.filter(Files::isRegularFile).forEach(regular::add);
      long total = 0;
      for (final Path file : regular) {
        try {
          total += Files.size(file);
        } catch (final NoSuchFileException e) {
          // Removed by a RocksDB compaction meanwhile: no longer part of the state.
        }
      }
      return total;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long heapUsedAfterGcBytes() {
    final Runtime runtime = Runtime.getRuntime();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
