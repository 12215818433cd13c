package io.inferenceimpact.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.schemas.registry.InMemorySchemaRegistryClient;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Subject names per strategy, and how strategy names in configs are resolved. */
class SubjectNameStrategyTest {

  private static final String FULL_NAME = "io.inferenceimpact.schemas.testdata.Probe";

  @Test
  void shouldNameSubjectsLikeConfluent() {
    assertThat(new TopicNameStrategy().subjectName("t", true, TestSchemas.V1)).isEqualTo("t-key");
    assertThat(new TopicNameStrategy().subjectName("t", false, TestSchemas.V1))
        .isEqualTo("t-value");
    assertThat(new RecordNameStrategy().subjectName("t", false, TestSchemas.V1))
        .isEqualTo(FULL_NAME);
    assertThat(new TopicRecordNameStrategy().subjectName("t", true, TestSchemas.V1))
        .isEqualTo("t-" + FULL_NAME);
    assertThat(new RecordNameStrategy().subjectName("t", true, Schema.create(Schema.Type.STRING)))
        .isEqualTo("string");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RecordNameStrategy",
        "io.confluent.kafka.serializers.subject.RecordNameStrategy",
        "io.inferenceimpact.schemas.serde.RecordNameStrategy"
      })
  void shouldAcceptShortConfluentAndOwnClassNames(final String name) {
    assertThat(SubjectNameStrategies.of(name)).isInstanceOf(RecordNameStrategy.class);
  }

  @Test
  void shouldDefaultToTopicNameStrategyAndAcceptClasses() {
    assertThat(SubjectNameStrategies.of(null)).isInstanceOf(TopicNameStrategy.class);
    assertThat(SubjectNameStrategies.of(TopicRecordNameStrategy.class))
        .isInstanceOf(TopicRecordNameStrategy.class);
  }

  @Test
  void shouldRejectUnknownStrategiesNamingThem() {
    assertThatThrownBy(() -> SubjectNameStrategies.of("NoSuchStrategy"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NoSuchStrategy");
  }

  @Test
  void shouldRegisterUnderTheConfiguredKeyAndValueSubjects() {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final Map<String, Object> configs =
        Map.of(
            AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy",
            AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "RecordNameStrategy");

    new ConfluentAvroSerializer<>(registry, configs, false)
        .serialize("probes", TestSchemas.probeV1("p", 1, 1));
    new ConfluentAvroSerializer<>(registry, configs, true).serialize("probes", "key-1");

    assertThat(registry.getVersions("probes-" + FULL_NAME)).containsExactly(1);
    assertThat(registry.getVersions("string")).containsExactly(1);
  }
}
