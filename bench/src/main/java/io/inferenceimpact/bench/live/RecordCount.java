package io.inferenceimpact.bench.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records of a topic ({@code read_committed}, every partition from the start
 * to its last stable offset), grouped by the value of one header ({@code "-"} when absent): the
 * exact number of results, where end offsets also count transaction markers.
 */
final class RecordCount {
  private RecordCount() {}

  static Map<String, Long> byHeader(
      final String bootstrap, final String topic, final String header, final Duration limit) {
    final Map<String, Object> c =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.CLIENT_ID_CONFIG,
            "live-bench-count");
    final Map<String, Long> counts = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      final long deadline = System.nanoTime() + limit.toNanos();
      while (!reached(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("counting " + topic + " took longer than " + limit);
        }
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          final Header h = header == null ? null : r.headers().lastHeader(header);
          final String key =
              h == null || h.value() == null ? "-" : new String(h.value(), StandardCharsets.UTF_8);
          counts.merge(key, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  private static boolean reached(
      final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> ends) {
    for (final Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
