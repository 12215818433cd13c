package io.inferenceimpact.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one place that derives a plain producer's or consumer's properties from the {@code kafka}
 * section ({@link KafkaSettings}), for every command that writes or reads topics beside the service
 * (grid connectors, DCGM bridge, simulator, alert subscriber). A client gets the keys it knows
 * (connection, security, tuning) and its own prefixed keys ({@code producer.*}, {@code consumer.*})
 * with the prefix removed, which win; Streams-only keys (application.id, processing.guarantee, ...)
 * stay out, so that the client does not warn about them.
 */
public final class ClientProperties {
  private static final Set<String> PRODUCER_KEYS = ProducerConfig.configNames();
  private static final Set<String> CONSUMER_KEYS = ConsumerConfig.configNames();

  private ClientProperties() {}

  /**
   * A producer that loses nothing it was told was written: {@code acks=all} and idempotence unless
   * the configuration says otherwise.
   */
  public static Map<String, Object> producer(final Map<String, String> kafka) {
    final Map<String, Object> producer = share(kafka, PRODUCER_KEYS, "producer.");
    producer.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    producer.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return producer;
  }

  /**
   * A consumer of the service's outputs: reads only committed records (the service writes with
   * exactly_once_v2, so aborted transactions must stay invisible), joins no group, commits nothing
   * and never creates a topic by asking for it.
   */
  public static Map<String, Object> consumer(
      final Map<String, String> kafka, final String clientId) {
    final Map<String, Object> consumer = share(kafka, CONSUMER_KEYS, "consumer.");
    consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumer.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    consumer.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return consumer;
  }

  private static Map<String, Object> share(
      final Map<String, String> kafka, final Set<String> known, final String prefix) {
    final Map<String, Object> out = new TreeMap<>();
    kafka.forEach(
        (key, value) -> {
          if (known.contains(key)) {
            out.put(key, value);
          }
        });
    kafka.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            out.put(key.substring(prefix.length()), value);
          }
        });
    return out;
  }
}
