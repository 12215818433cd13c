package io.inferenceimpact.bench.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Baseline: Kafka's own exactly-once consume → produce pipe. One consumer ({@code read_committed},
 * no auto commit) and one transactional producer copy every input record unchanged to the output
 * topic (same partition number), committing the consumed offsets inside each transaction ({@code
 * sendOffsetsToTransaction}). Like Kafka Streams under exactly-once, a transaction spans the polls
 * of up to 100 ms (commit interval) and is committed at once when a poll returns nothing; {@code
 * max.poll.records} is Kafka Streams' 1000. The pipe thus pays for transactions as the applications
 * it is compared with do, not once per poll.
 *
 * <p>Its {@link Progress} marks the first record when it is polled and counts records once their
 * transaction is committed.
 *
 * <p>Settings: {@code bootstrap}, {@code inputs} (comma-separated), {@code output}, {@code group},
 * {@code expected} (input records), {@code warmUpOutput} (where the warm-up copies to).
 */
final class PipeWorkload implements Workload {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<String> inputs;
  private final String output;
  private final String warmUpOutput;
  private final String group;
  private boolean initialized;
  private final Thread thread;

  /** Kafka Streams' commit interval under exactly-once. */
  private static final long COMMIT_EVERY_NANOS = Duration.ofMillis(100).toNanos();

  private static final Duration POLL = Duration.ofMillis(100);

  private final Progress progress;
  private volatile boolean running = true;
  private volatile String failure;

  PipeWorkload(final Map<String, String> settings) {
    this.progress = new Progress(Long.parseLong(settings.get("expected")));
    final Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get("bootstrap"));
    c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.get("group"));
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // As Kafka Streams' consumer.
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    final Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get("bootstrap"));
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.get("group") + "-tx");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    this.consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.inputs = List.of(settings.get("inputs").split(","));
    this.output = settings.get("output");
    this.warmUpOutput = settings.get("warmUpOutput");
    this.group = settings.get("group");
    this.thread = new Thread(this::run, "pipe");
  }

  @Override
  public void start() {
    thread.start();
  }

  /**
   * Copies the whole backlog to the warm-up output in the same transactions, with the offsets
   * committed for a separate group, pass after pass (the consumer assigned every input partition,
   * from the start each time), until {@code seconds} have passed.
   */
  @Override
  public void warmUp(final long seconds) {
    producer.initTransactions();
    initialized = true;
    final List<TopicPartition> partitions = new ArrayList<>();
    for (final String topic : inputs) {
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    final ConsumerGroupMetadata warmUpGroup = new ConsumerGroupMetadata(group + "-warmup");
    final long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    int passes = 0;
    while (System.nanoTime() < until) {
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      long pending = 0;
      long transactionStart = 0;
      while (!reached(ends)) {
        final ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          if (pending == 0) {
            producer.beginTransaction();
            transactionStart = System.nanoTime();
          }
          for (final ConsumerRecord<byte[], byte[]> r : records) {
            producer.send(
                new ProducerRecord<>(
                    warmUpOutput, r.partition(), r.timestamp(), r.key(), r.value()));
            offsets.put(
                new TopicPartition(r.topic(), r.partition()),
                new OffsetAndMetadata(r.offset() + 1));
          }
          pending += records.count();
        }
        if (pending > 0
            && (records.isEmpty()
                || reached(ends)
                || System.nanoTime() - transactionStart >= COMMIT_EVERY_NANOS)) {
          producer.sendOffsetsToTransaction(offsets, warmUpGroup);
          producer.commitTransaction();
          offsets.clear();
          pending = 0;
        }
      }
      passes++;
    }
    consumer.unsubscribe();
    System.out.printf("warm-up: %d passes over the backlog in %d s%n", passes, seconds);
  }

  private boolean reached(final Map<TopicPartition, Long> ends) {
    for (final Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void run() {
    try {
      if (!initialized) {
        producer.initTransactions();
      }
      consumer.subscribe(inputs);
      final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      long pending = 0;
      long transactionStart = 0;
      while (running) {
        final ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          progress.seen();
          if (pending == 0) {
            producer.beginTransaction();
            transactionStart = System.nanoTime();
          }
          for (final ConsumerRecord<byte[], byte[]> r : records) {
            producer.send(
                new ProducerRecord<>(output, r.partition(), r.timestamp(), r.key(), r.value()));
            offsets.put(
                new TopicPartition(r.topic(), r.partition()),
                new OffsetAndMetadata(r.offset() + 1));
          }
          pending += records.count();
        }
        if (pending > 0
            && (records.isEmpty() || System.nanoTime() - transactionStart >= COMMIT_EVERY_NANOS)) {
          producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
          producer.commitTransaction();
          progress.handled(pending);
          offsets.clear();
          pending = 0;
        }
      }
    } catch (final WakeupException stopping) {
      // close() woke the consumer
    } catch (final RuntimeException e) {
      if (running) {
        failure = e.toString();
      }
    } finally {
      producer.close(Duration.ofSeconds(10));
      consumer.close(Duration.ofSeconds(10));
    }
  }

  @Override
  public String state() {
    return failure != null ? "FAILED" : "COPIED:" + progress.handled();
  }

  @Override
  public String marks(final long cpuAtStart) {
    return progress.marks(cpuAtStart);
  }

  @Override
  public String failure() {
    return failure;
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(20).toMillis());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
