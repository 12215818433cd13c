package io.inferenceimpact.runtime;

import io.inferenceimpact.topology.support.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Creates the application's topics with their partitions, replication and cleanup policy, and is
 * idempotent: topics that exist are left alone and compared with what they should be, and every
 * difference is reported (changing partitions or policies of live topics is an operator's call).
 */
public final class TopicAdmin implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** What {@link #ensure} did: topics created, topics already right, differences found. */
  public record Report(List<String> created, List<String> unchanged, List<String> differences) {}

  private final Admin admin;

  private TopicAdmin(final Admin admin) {
    this.admin = admin;
  }

  /** Connects with the admin-client subset of the Kafka properties (SASL/SSL pass through). */
  public static TopicAdmin connect(final Map<String, String> kafkaProperties) {
    final Set<String> known = AdminClientConfig.configNames();
    final Map<String, Object> config = new TreeMap<>();
    kafkaProperties.forEach(
        (key, value) -> {
          if (known.contains(key)) {
            config.put(key, value);
          }
        });
    return new TopicAdmin(Admin.create(config));
  }

  public Report ensure(final List<Topic<?, ?>> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    final Set<String> existing = admin.listTopics().names().get(seconds(), TimeUnit.SECONDS);
    final List<NewTopic> missing = new ArrayList<>();
    final List<String> unchanged = new ArrayList<>();
    final List<String> differences = new ArrayList<>();
    for (final Topic<?, ?> topic : topics) {
      if (!existing.contains(topic.name())) {
        missing.add(newTopic(topic));
        continue;
      }
      final List<String> found = compare(topic);
      if (found.isEmpty()) {
        unchanged.add(topic.name());
      }
      differences.addAll(found);
    }
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(seconds(), TimeUnit.SECONDS);
      PartitionReadiness.await(admin, missing.stream().map(NewTopic::name).toList(), TIMEOUT);
    }
    return new Report(missing.stream().map(NewTopic::name).toList(), unchanged, differences);
  }

  private List<String> compare(final Topic<?, ?> topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    final List<String> differences = new ArrayList<>();
    final TopicDescription description =
        admin
            .describeTopics(List.of(topic.name()))
            .allTopicNames()
            .get(seconds(), TimeUnit.SECONDS)
            .get(topic.name());
    if (description.partitions().size() != topic.partitions()) {
      differences.add(
          topic.name()
              + ": has "
              + description.partitions().size()
              + " partitions, configured "
              + topic.partitions());
    }
    final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
    final Config config =
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get(seconds(), TimeUnit.SECONDS)
            .get(resource);
    for (final Map.Entry<String, String> wanted : topic.configs().entrySet()) {
      final String actual =
          Optional.ofNullable(config.get(wanted.getKey())).map(e -> e.value()).orElse(null);
      if (!wanted.getValue().equals(actual)) {
        differences.add(
            topic.name()
                + ": "
                + wanted.getKey()
                + " is "
                + actual
                + ", configured "
                + wanted.getValue());
      }
    }
    return differences;
  }

  private static NewTopic newTopic(final Topic<?, ?> topic) {
    final Optional<Short> replication =
        topic.replicationFactor() < 0
            ? Optional.empty()
            : Optional.of((short) topic.replicationFactor());
    return new NewTopic(topic.name(), Optional.of(topic.partitions()), replication)
        .configs(topic.configs());
  }

  private static long seconds() {
    return TIMEOUT.toSeconds();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
