package io.inferenceimpact.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves a {@code *.subject.name.strategy} value: a short name ({@code TopicNameStrategy}),
 * Confluent's class name ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}), ours,
 * any class implementing {@link SubjectNameStrategy}, or a Class/instance of one.
 */
final class SubjectNameStrategies {

  private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

  private static final Map<String, SubjectNameStrategy> BUILT_IN =
      Map.of(
          "TopicNameStrategy", new TopicNameStrategy(),
          "RecordNameStrategy", new RecordNameStrategy(),
          "TopicRecordNameStrategy", new TopicRecordNameStrategy());

  private SubjectNameStrategies() {}

  static SubjectNameStrategy of(final Object value) {
    if (value == null || value.toString().isBlank()) {
      return BUILT_IN.get("TopicNameStrategy");
    }
    if (value instanceof SubjectNameStrategy strategy) {
      return strategy;
    }
    final String name = value instanceof Class<?> c ? c.getName() : value.toString().trim();
    final String simple =
        name.startsWith(CONFLUENT_PACKAGE)
            ? name.substring(CONFLUENT_PACKAGE.length())
            : name.startsWith(SubjectNameStrategies.class.getPackageName() + ".")
                ? name.substring(SubjectNameStrategies.class.getPackageName().length() + 1)
                : name;
    final SubjectNameStrategy builtIn = BUILT_IN.get(simple);
    if (builtIn != null) {
      return builtIn;
    }
    try {
      final Class<?> type =
          value instanceof Class<?> c
              ? c
              : Class.forName(name, true, Thread.currentThread().getContextClassLoader());
      return type.asSubclass(SubjectNameStrategy.class).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new ConfigException(
          "Unknown subject name strategy '"
              + name
              + "': use TopicNameStrategy, "
              + "RecordNameStrategy, TopicRecordNameStrategy or a class implementing "
              + SubjectNameStrategy.class.getName());
    }
  }
}
