package io.inferenceimpact.topology.progress;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@link Stamped} records: marks (and payloads {@code broadcast} selects) go to every
 * partition, so that each reader hears every writer; the rest by the key's murmur2 hash, as Kafka's
 * default partitioner does for string keys.
 */
public final class StampPartitioner<V> implements StreamPartitioner<String, Stamped<V>> {
  private final Predicate<V> broadcast;

  public StampPartitioner(final Predicate<V> broadcast) {
    this.broadcast = broadcast;
  }

  @Override
  public Optional<Set<Integer>> partitions(
      final String topic, final String key, final Stamped<V> value, final int numPartitions) {
    if (value.isMark() || broadcast.test(value.value())) {
      return Optional.of(
          IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    final byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
  }
}
