package io.inferenceimpact.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.support.Topic;
import io.inferenceimpact.topology.support.Topics;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsConfigTest {

  @Test
  void shouldHandOutAFreshCopyEachTime() throws Exception {
    final ImpactConfig config =
        ConfigLoader.load((java.nio.file.Path) null, Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));

    final Properties first = ImpactTopology.streamsConfig(config);
    first.setProperty("bootstrap.servers", "changed:1");
    final Properties second = ImpactTopology.streamsConfig(config);

    assertThat(second.getProperty("bootstrap.servers")).isEqualTo("127.0.0.1:9092");
    assertThat(second.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(second.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(second.getProperty("errors.dead.letter.queue.topic.name"))
        .isEqualTo("impact.dlq.v1");
    assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
  }

  @Test
  void shouldCompactOnlyTheTableTopics() {
    final Topics topics = Topics.from(ConfigLoader.defaults().topics());

    assertThat(topics.all())
        .filteredOn(t -> t.cleanupPolicy() == Topic.CleanupPolicy.COMPACT)
        .extracting(Topic::name)
        .containsExactlyInAnyOrder("grid.intensity.v1", "fleet.nodes.v1", "impact.alerts.v1");
    assertThat(topics.all()).hasSize(8).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(6));
  }
}
