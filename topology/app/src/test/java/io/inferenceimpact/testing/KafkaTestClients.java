package io.inferenceimpact.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Plain producer and consumer helpers for integration tests against a real broker. */
public final class KafkaTestClients {

  private KafkaTestClients() {}

  /** Sends every record, in order, and waits until each is acknowledged. */
  public static <K, V> void produce(
      final String bootstrap,
      final String topic,
      final Serializer<K> keys,
      final Serializer<V> values,
      final Map<K, V> records) {
    produce(bootstrap, topic, keys, values, List.copyOf(records.entrySet()));
  }

  /** Sends every record, in order (keys may repeat), and waits until each is acknowledged. */
  public static <K, V> void produce(
      final String bootstrap,
      final String topic,
      final Serializer<K> keys,
      final Serializer<V> values,
      final List<Map.Entry<K, V>> records) {
    final Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(props, keys, values)) {
      for (final var entry : records) {
        producer.send(new ProducerRecord<>(topic, entry.getKey(), entry.getValue()));
      }
      producer.flush();
    }
  }

  /**
   * Reads the topic from the beginning until {@code count} records arrived or the limit passed;
   * fails naming what did arrive.
   */
  public static <K, V> List<ConsumerRecord<K, V>> consume(
      final String bootstrap,
      final String topic,
      final Deserializer<K> keys,
      final Deserializer<V> values,
      final int count,
      final Duration limit) {
    final Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final List<ConsumerRecord<K, V>> received = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, keys, values)) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + limit.toNanos();
      while (received.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }
    if (received.size() < count) {
      throw new AssertionError(
          "expected "
              + count
              + " records on "
              + topic
              + " within "
              + limit
              + " but got "
              + received.size()
              + ": "
              + received);
    }
    return received;
  }
}
