package io.inferenceimpact.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether an application has committed its way through everything produced to its inputs so far:
 * its consumer group's committed offsets (exactly-once commits, so nothing before them is processed
 * twice) against the input partitions' end offsets.
 */
final class ConsumedInputs {
  private ConsumedInputs() {}

  static void await(
      final String bootstrap,
      final String applicationId,
      final List<String> topics,
      final Duration limit)
      throws Exception {
    final Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (final String topic : topics) {
        for (int p = 0; p < FaultScenario.PARTITIONS; p++) {
          latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
      }
      final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get();
      org.awaitility.Awaitility.await(applicationId + " commits past every input record")
          .atMost(limit)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                final Map<TopicPartition, OffsetAndMetadata> committed =
                    admin
                        .listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata()
                        .get();
                return ends.entrySet().stream()
                    .allMatch(
                        e ->
                            e.getValue().offset() == 0
                                || (committed.get(e.getKey()) != null
                                    && committed.get(e.getKey()).offset()
                                        >= e.getValue().offset()));
              });
    }
  }
}
