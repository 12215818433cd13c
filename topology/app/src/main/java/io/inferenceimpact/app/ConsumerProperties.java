package io.inferenceimpact.app;

import io.inferenceimpact.config.KafkaSettings;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The plain consumer's share of the {@code kafka} section for the subscriber commands: the keys a
 * consumer knows (connection, security, tuning) and any {@code consumer.}-prefixed key with the
 * prefix removed. Reads only committed records (the service writes with exactly_once_v2, so aborted
 * transactions must stay invisible), joins no group, commits nothing and never creates a topic by
 * asking for it.
 */
final class ConsumerProperties {
  private ConsumerProperties() {}

  static Properties from(final KafkaSettings kafka, final String clientId) {
    final Set<String> known = ConsumerConfig.configNames();
    final Properties consumer = new Properties();
    kafka
        .properties()
        .forEach(
            (key, value) -> {
              if (known.contains(key)) {
                consumer.put(key, value);
              }
            });
    kafka
        .properties()
        .forEach(
            (key, value) -> {
              if (key.startsWith("consumer.")) {
                consumer.put(key.substring("consumer.".length()), value);
              }
            });
    consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumer.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    consumer.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return consumer;
  }
}
