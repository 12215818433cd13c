package io.inferenceimpact.bench.live;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Topic names, end offsets and a group's committed offsets, through one admin client. */
final class KafkaProbe implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final Map<String, List<TopicPartition>> partitions = new ConcurrentHashMap<>();

  KafkaProbe(final String bootstrap) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "live-bench-probe"));
  }

  Admin admin() {
    return admin;
  }

  Set<String> topics() throws Exception {
    return get(admin.listTopics().names());
  }

  /** The end offset (high watermark) of every partition of the topics. */
  Map<TopicPartition, Long> endOffsets(final Collection<String> topics) throws Exception {
    final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (final String topic : topics) {
      for (final TopicPartition tp : partitionsOf(topic)) {
        request.put(tp, OffsetSpec.latest());
      }
    }
    final Map<TopicPartition, Long> ends = new HashMap<>();
    if (request.isEmpty()) {
      return ends;
    }
    final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
        get(admin.listOffsets(request).all());
    answer.forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /** The group's committed offsets; empty when it has none (yet). */
  Map<TopicPartition, Long> committed(final String group) throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> offsets =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    final Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach(
        (tp, om) -> {
          if (om != null) {
            committed.put(tp, om.offset());
          }
        });
    return committed;
  }

  private List<TopicPartition> partitionsOf(final String topic) throws Exception {
    final List<TopicPartition> known = partitions.get(topic);
    if (known != null) {
      return known;
    }
    final TopicDescription description =
        get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    final List<TopicPartition> found =
        description.partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    partitions.put(topic, found);
    return found;
  }

  private static <T> T get(final org.apache.kafka.common.KafkaFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(10));
  }
}
