package io.inferenceimpact.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.progress.InputBacklog.State;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The service's input backlog against a real broker: records a task has not read are UNREAD (from
 * its next offset, or from the group's committed offset when it has read nothing), a transactional
 * producer's commit marker is not a record, and without a broker answer for {@link
 * AdminInputBacklog#TRUST} it knows nothing.
 */
class AdminInputBacklogIntegrationTest {
  private final EmbeddedKafkaBroker broker = SharedInfrastructure.broker();
  private final AtomicLong now = new AtomicLong(1_000_000L);

  @Test
  void shouldTellUnreadRecordsFromReadOnesAtTheBroker() throws Exception {
    final String topic = "backlog-" + System.nanoTime();
    final String group = "backlog-group-" + System.nanoTime();
    broker.createTopic(topic, 3);
    produce(topic, 0, 3, null);
    produce(topic, 1, 2, "backlog-tx-" + System.nanoTime()); // offsets 0, 1 and a commit marker

    try (Admin admin = Admin.create(adminProperties());
        AdminInputBacklog backlog = new AdminInputBacklog(admin, group, now::get)) {
      backlog.watch(topic, 0);
      backlog.watch(topic, 1);
      backlog.watch(topic, 2);
      // Watched but not yet asked: records may wait, so the task must not call itself idle.
      assertThat(backlog.state(topic, 0, -1)).isEqualTo(State.UNREAD);

      backlog.refresh();
      // Partition 0: three records, no committed offset: a fresh task has all three to read.
      assertThat(backlog.state(topic, 0, -1)).isEqualTo(State.UNREAD);
      assertThat(backlog.state(topic, 0, 1)).isEqualTo(State.UNREAD);
      assertThat(backlog.state(topic, 0, 3)).isEqualTo(State.READ);
      // Partition 1: after its two records only the commit marker is left.
      assertThat(backlog.state(topic, 1, 0)).isEqualTo(State.UNREAD);
      assertThat(backlog.state(topic, 1, 2)).isEqualTo(State.READ);
      // Partition 2: empty.
      assertThat(backlog.state(topic, 2, -1)).isEqualTo(State.READ);

      // A restarted task reads from the group's committed offset.
      admin
          .alterConsumerGroupOffsets(
              group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3)))
          .all()
          .get();
      backlog.refresh();
      assertThat(backlog.state(topic, 0, -1)).isEqualTo(State.READ);

      // New records arrive.
      produce(topic, 0, 2, null);
      backlog.refresh();
      assertThat(backlog.state(topic, 0, 3)).isEqualTo(State.UNREAD);
      assertThat(backlog.state(topic, 0, 5)).isEqualTo(State.READ);

      // No answer from the broker for TRUST: nothing is known.
      now.addAndGet(AdminInputBacklog.TRUST.toMillis());
      assertThat(backlog.state(topic, 0, 3)).isEqualTo(State.UNKNOWN);
      // A partition never watched is not known either.
      assertThat(backlog.state(topic + "-other", 0, -1)).isEqualTo(State.UNKNOWN);
    }
  }

  private Properties adminProperties() {
    final Properties properties = new Properties();
    properties.putAll(broker.adminClientProperties());
    return properties;
  }

  private void produce(
      final String topic, final int partition, final int count, final String transactionalId) {
    final Properties properties = new Properties();
    properties.putAll(broker.adminClientProperties());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    if (transactionalId != null) {
      properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      if (transactionalId != null) {
        producer.initTransactions();
        producer.beginTransaction();
      }
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i));
      }
      if (transactionalId != null) {
        producer.commitTransaction();
      }
      producer.flush();
    }
  }
}
