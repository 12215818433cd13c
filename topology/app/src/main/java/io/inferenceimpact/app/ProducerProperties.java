package io.inferenceimpact.app;

import io.inferenceimpact.config.KafkaSettings;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer's share of the {@code kafka} section: the keys a producer knows (connection,
 * security, tuning) and any {@code producer.}-prefixed key with the prefix removed; Streams-only
 * keys (application.id, processing.guarantee ...) stay out so the producer does not warn about
 * them.
 */
final class ProducerProperties {
  private ProducerProperties() {}

  static Properties from(final KafkaSettings kafka) {
    final Set<String> known = ProducerConfig.configNames();
    final Properties producer = new Properties();
    kafka
        .properties()
        .forEach(
            (key, value) -> {
              if (known.contains(key)) {
                producer.put(key, value);
              }
            });
    kafka
        .properties()
        .forEach(
            (key, value) -> {
              if (key.startsWith("producer.")) {
                producer.put(key.substring("producer.".length()), value);
              }
            });
    producer.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    return producer;
  }
}
