package io.inferenceimpact.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The in-process broker runs transactions end to end and cleans up after itself. */
class EmbeddedKafkaBrokerIntegrationTest {

  private static final String TOPIC = "embedded-broker-test";

  @Test
  void shouldDeliverOnlyCommittedTransactionalRecordsToReadCommittedConsumer() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopic(TOPIC, 1);

      try (KafkaProducer<String, String> producer =
          transactionalProducer(broker.bootstrapServers())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, "gpu-0", "aborted"));
        producer.abortTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, "gpu-0", "committed"));
        producer.commitTransaction();
      }

      final List<ConsumerRecord<String, String>> received =
          consumeUntil(broker.bootstrapServers(), "committed");
      assertThat(received)
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactly(tuple("gpu-0", "committed"));
    }
  }

  @Test
  void shouldListenOnLoopbackAndDeleteItsTempDirOnClose() {
    final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    final Path logDir = broker.logDir();
    assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
    assertThat(logDir).isDirectory();

    broker.close();

    assertThat(Files.exists(logDir)).isFalse();
  }

  @Test
  void shouldStartAgainOnTheSamePortAndFolderWithItsData() throws Exception {
    final Path dir = Files.createTempDirectory("broker-restart-");
    final int port;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(0, dir)) {
      port = first.port();
      first.createTopic(TOPIC, 1);
      try (KafkaProducer<String, String> producer =
          transactionalProducer(first.bootstrapServers())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, "gpu-0", "before-restart"));
        producer.commitTransaction();
      }
    }

    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(port, dir)) {
      assertThat(second.port()).isEqualTo(port);
      assertThat(consumeUntil(second.bootstrapServers(), "before-restart"))
          .extracting(ConsumerRecord::value)
          .containsExactly("before-restart");
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }

  private static KafkaProducer<String, String> transactionalProducer(
      final String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "embedded-broker-test-tx",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  /**
   * Reads from the start until {@code lastValue} arrives; an aborted record before it would show
   * up.
   */
  private static List<ConsumerRecord<String, String>> consumeUntil(
      final String bootstrapServers, final String lastValue) {
    final List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer())) {
      final TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                return received.stream().anyMatch(record -> lastValue.equals(record.value()));
              });
    }
    return received;
  }
}
