package io.inferenceimpact.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The console filter drops the known lines of conditions Kafka retries by itself (texts as Kafka
 * 4.4.0 logs them, seen in the demo's output) and lets every other line of the same loggers pass.
 */
class TransientKafkaNoiseTest {
  private static final String NETWORK = "org.apache.kafka.clients.NetworkClient";
  private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
  private static final String REPLICAS = "kafka.server.ReplicaManager";

  private final TransientKafkaNoise filter = new TransientKafkaNoise();
  private final LoggerContext context = new LoggerContext();

  @Test
  void shouldDropRetriedConditionsOfTheClientsAndTheBroker() {
    assertThat(
            decide(
                NETWORK,
                Level.WARN,
                "[Consumer clientId=impact-demo-StreamThread-1-consumer, groupId=impact-demo] The"
                    + " metadata response from the cluster reported a recoverable issue with"
                    + " correlation id 2 :"
                    + " {impact-demo-alerts-telemetry-repartition=UNKNOWN_TOPIC_OR_PARTITION,"
                    + " impact-demo-gpu-integrator-store-changelog=LEADER_NOT_AVAILABLE}",
                null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                NETWORK,
                Level.WARN,
                "[NodeToControllerChannelManager id=1 name=registration] Attempting to close"
                    + " NetworkClient that has already been closed.",
                null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                "org.apache.kafka.server.DefaultAutoTopicCreationManager",
                Level.WARN,
                "Auto topic creation failed for __consumer_offsets with error"
                    + " 'TOPIC_ALREADY_EXISTS': Topic '__consumer_offsets' already exists..",
                null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                "org.apache.kafka.streams.StreamsConfig",
                Level.WARN,
                "Processing exception handler is not enabled for the GlobalThread. It's"
                    + " recommended to set `processing.exception.handler.global.enabled` to true",
                null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                SENDER,
                Level.WARN,
                "[Producer clientId=impact-demo-StreamThread-1-producer] Got error produce response"
                    + " with correlation id 41 on topic-partition impact.requests.v1-0, retrying"
                    + " (2147483646 attempts left). Error: CONCURRENT_TRANSACTIONS",
                null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                SENDER,
                Level.WARN,
                "[Producer clientId=p] Got error produce response with correlation id 9 on"
                    + " topic-partition t-0, retrying (5 attempts left). Error:"
                    + " OUT_OF_ORDER_SEQUENCE_NUMBER",
                null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                REPLICAS,
                Level.ERROR,
                "[ReplicaManager broker=1] Error processing append operation on partition x:t-0",
                new IllegalStateException(new OutOfOrderSequenceException("seq"))))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void shouldKeepAMissingInputTopicWhichNeedsTheUsersAction() {
    assertThat(
            decide(
                NETWORK,
                Level.WARN,
                "[Consumer clientId=c, groupId=g] The metadata response from the cluster reported a"
                    + " recoverable issue with correlation id 9 :"
                    + " {impact-demo-requests-by-gpu-repartition=UNKNOWN_TOPIC_OR_PARTITION,"
                    + " inference.requests.v1=UNKNOWN_TOPIC_OR_PARTITION}",
                null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                NETWORK,
                Level.WARN,
                "[Consumer clientId=c, groupId=g] The metadata response from the cluster reported a"
                    + " recoverable issue with correlation id 9 :"
                    + " {impact-demo-requests-by-gpu-repartition=TOPIC_AUTHORIZATION_FAILED}",
                null))
        .as("another error on an internal topic")
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void shouldKeepEveryOtherLineOfTheSameLoggers() {
    assertThat(
            decide(
                "org.apache.kafka.server.DefaultAutoTopicCreationManager",
                Level.WARN,
                "Auto topic creation failed for __consumer_offsets with error"
                    + " 'INVALID_REPLICATION_FACTOR': Replication factor: 3 larger than available"
                    + " brokers: 1.",
                null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                NETWORK,
                Level.WARN,
                "[Producer clientId=p] Connection to node 1 (/127.0.0.1:9092) could not be"
                    + " established. Node may not be available.",
                null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                SENDER,
                Level.WARN,
                "[Producer clientId=p] Got error produce response with correlation id 9 on"
                    + " topic-partition t-0, retrying (5 attempts left). Error:"
                    + " NOT_ENOUGH_REPLICAS",
                null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                REPLICAS,
                Level.ERROR,
                "[ReplicaManager broker=1] Error processing append operation on partition x:t-0",
                new TimeoutException("disk")))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                "io.inferenceimpact.runtime.StreamsRuntime",
                Level.WARN,
                "UNKNOWN_TOPIC_OR_PARTITION Error while fetching metadata",
                null))
        .as("the same text from another logger")
        .isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decide(
      final String logger, final Level level, final String message, final Throwable thrown) {
    final LoggingEvent event =
        new LoggingEvent(
            TransientKafkaNoiseTest.class.getName(),
            context.getLogger(logger),
            level,
            message,
            thrown,
            null);
    return filter.decide(event);
  }
}
