package io.inferenceimpact.bench.live;

import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the per-request impacts as they are committed ({@code read_committed}, every partition from
 * the start) and keeps, for each, the broker's append time minus the request's end time minus
 * {@code energy.grace}: how long after its grace a request's impact was in Kafka. The topic must
 * use {@code LogAppendTime}; a record with another timestamp type fails the probe.
 */
final class LatencyProbe implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final SpecificAvroSerde<RequestImpact> serde = new SpecificAvroSerde<>();
  private final String topic;
  private final long graceMillis;
  private final Thread thread;
  private long[] latencies = new long[1024];
  private int count;
  private volatile boolean running = true;
  private volatile String failure;

  LatencyProbe(
      final String bootstrap,
      final Map<String, String> registryProperties,
      final String topic,
      final Duration grace) {
    final Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "live-bench-latency");
    this.consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    serde.configure(registryProperties, false);
    this.topic = topic;
    this.graceMillis = grace.toMillis();
    this.thread = new Thread(this::run, "live-latency");
    thread.setDaemon(true);
  }

  void start() {
    final List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
            throw new IllegalStateException(
                topic + " is not LogAppendTime: a record has " + r.timestampType());
          }
          final RequestImpact impact = serde.deserializer().deserialize(topic, r.value());
          add(r.timestamp() - impact.getEndTime().toEpochMilli() - graceMillis);
        }
      }
    } catch (final WakeupException stopping) {
      // close()
    } catch (final RuntimeException e) {
      failure = e.toString();
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private synchronized void add(final long millis) {
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = millis;
  }

  /** The latencies seen so far, in ms. */
  synchronized long[] latencies() {
    return Arrays.copyOf(latencies, count);
  }

  String failure() {
    return failure;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
