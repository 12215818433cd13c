package io.inferenceimpact.simulate;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer's share of the application's Kafka properties: keys a producer knows (bootstrap,
 * security, SASL/SSL), and {@code producer.}-prefixed keys with the prefix removed (they win). Keys
 * of Kafka Streams alone (application.id, state.dir, ...) are left out, so no warnings.
 */
final class ProducerProperties {
  private static final Set<String> KNOWN = ProducerConfig.configNames();

  private ProducerProperties() {}

  static Map<String, Object> from(final Map<String, String> kafka) {
    final Map<String, Object> out = new TreeMap<>();
    kafka.forEach(
        (key, value) -> {
          if (KNOWN.contains(key)) {
            out.putIfAbsent(key, value);
          }
        });
    kafka.forEach(
        (key, value) -> {
          if (key.startsWith("producer.")) {
            out.put(key.substring("producer.".length()), value);
          }
        });
    return out;
  }
}
