package io.inferenceimpact.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {
  private static final Map<String, String> KAFKA =
      Map.of(
          "bootstrap.servers", "broker:9093",
          "security.protocol", "SASL_SSL",
          "application.id", "inference-impact",
          "processing.guarantee", "exactly_once_v2",
          "group.id", "somebody-else",
          "producer.linger.ms", "50",
          "producer.security.protocol", "SSL",
          "consumer.max.poll.records", "10");

  @Test
  void shouldGiveAProducerItsKeysAndItsPrefixedKeysOnly() {
    final Map<String, Object> producer = ClientProperties.producer(KAFKA);

    assertThat(producer)
        .containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("linger.ms", "50")
        .containsEntry("security.protocol", "SSL")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .doesNotContainKeys(
            "application.id",
            "processing.guarantee",
            "group.id",
            "max.poll.records",
            "producer.linger.ms");
  }

  @Test
  void shouldLetTheConfigurationChooseAcks() {
    assertThat(ClientProperties.producer(Map.of("producer.acks", "1"))).containsEntry("acks", "1");
  }

  @Test
  void shouldGiveTheSubscriberACommittedReadWithoutAGroup() {
    final Map<String, Object> consumer = ClientProperties.consumer(KAFKA, "impact-alerts-tail");

    assertThat(consumer)
        .containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("max.poll.records", "10")
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("allow.auto.create.topics", "false")
        .containsEntry("client.id", "impact-alerts-tail")
        .doesNotContainKeys("group.id", "application.id", "linger.ms");
  }
}
