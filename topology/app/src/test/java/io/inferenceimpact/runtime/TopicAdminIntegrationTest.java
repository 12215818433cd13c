package io.inferenceimpact.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.Topic;
import io.inferenceimpact.topology.support.Topics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `impact topics create` against a real broker: creates, is idempotent, reports differences. */
class TopicAdminIntegrationTest {

  @Test
  void shouldCreateEveryTopicOnceAndReportDifferencesOnExistingOnes() throws Exception {
    final String prefix = SharedInfrastructure.unique("admin");
    final Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.broker().bootstrapServers(),
            "IMPACT_TOPICS_INFERENCE_REQUESTS", prefix + ".requests",
            "IMPACT_TOPICS_ALERTS", prefix + ".alerts");
    final var config = ConfigLoader.load((java.nio.file.Path) null, env);
    final List<Topic<?, ?>> topics =
        Topics.from(config.topics()).all().stream()
            .filter(t -> t.name().startsWith(prefix))
            .toList();
    assertThat(topics).hasSize(2);

    try (TopicAdmin admin = TopicAdmin.connect(config.kafka().properties())) {
      final TopicAdmin.Report first = admin.ensure(topics);
      assertThat(first.created()).containsExactly(prefix + ".requests", prefix + ".alerts");
      assertThat(first.differences()).isEmpty();

      final TopicAdmin.Report second = admin.ensure(topics);
      assertThat(second.created()).isEmpty();
      assertThat(second.unchanged()).containsExactly(prefix + ".requests", prefix + ".alerts");

      final Topic<?, ?> alerts = topics.get(1);
      final Topic<?, ?> changed =
          new Topic<>(
              alerts.name(),
              alerts.keySerde(),
              alerts.valueSerde(),
              alerts.partitions() + 2,
              alerts.replicationFactor(),
              Topic.CleanupPolicy.DELETE);
      final TopicAdmin.Report third = admin.ensure(List.of(changed));
      assertThat(third.differences())
          .containsExactly(
              alerts.name()
                  + ": has "
                  + alerts.partitions()
                  + " partitions, configured "
                  + (alerts.partitions() + 2),
              alerts.name() + ": cleanup.policy is compact, configured delete");
    }
  }
}
