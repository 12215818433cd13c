package io.inferenceimpact.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings under Confluent's names (registry connection keys are in {@link
 * io.inferenceimpact.schemas.registry.SchemaRegistryClientConfig}). Immutable; values may be
 * strings, booleans or classes, as Kafka passes them.
 */
public final class AvroSerdeConfig {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** Serializer: register the record's schema under its subject (default true). */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /** Serializer, when not auto-registering: write with the subject's latest id (default false). */
  public static final String USE_LATEST_VERSION = "use.latest.version";

  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

  /**
   * Deserializer: return generated SpecificRecord classes instead of GenericRecord (default false).
   */
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

  /** Deserializer: the SpecificRecord class to read keys into (else found by the writer's name). */
  public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";

  /**
   * Deserializer: the SpecificRecord class to read values into (else found by the writer's name).
   */
  public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";

  private final boolean autoRegisterSchemas;
  private final boolean useLatestVersion;
  private final SubjectNameStrategy keySubjectNameStrategy;
  private final SubjectNameStrategy valueSubjectNameStrategy;
  private final boolean specificAvroReader;
  private final Class<? extends SpecificRecord> specificKeyType;
  private final Class<? extends SpecificRecord> specificValueType;

  private AvroSerdeConfig(final Map<String, ?> configs) {
    this.autoRegisterSchemas = bool(configs, AUTO_REGISTER_SCHEMAS, true);
    this.useLatestVersion = bool(configs, USE_LATEST_VERSION, false);
    this.keySubjectNameStrategy = SubjectNameStrategies.of(configs.get(KEY_SUBJECT_NAME_STRATEGY));
    this.valueSubjectNameStrategy =
        SubjectNameStrategies.of(configs.get(VALUE_SUBJECT_NAME_STRATEGY));
    this.specificAvroReader = bool(configs, SPECIFIC_AVRO_READER, false);
    this.specificKeyType = specificType(configs, SPECIFIC_AVRO_KEY_TYPE);
    this.specificValueType = specificType(configs, SPECIFIC_AVRO_VALUE_TYPE);
  }

  public static AvroSerdeConfig from(final Map<String, ?> configs) {
    return new AvroSerdeConfig(configs);
  }

  /** All defaults: auto-register, TopicNameStrategy, generic reader. */
  public static AvroSerdeConfig defaults() {
    return new AvroSerdeConfig(Map.of());
  }

  public boolean autoRegisterSchemas() {
    return autoRegisterSchemas;
  }

  public boolean useLatestVersion() {
    return useLatestVersion;
  }

  public SubjectNameStrategy subjectNameStrategy(final boolean isKey) {
    return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
  }

  public boolean specificAvroReader() {
    return specificAvroReader;
  }

  /** The configured SpecificRecord class for keys or values, or null. */
  public Class<? extends SpecificRecord> specificType(final boolean isKey) {
    return isKey ? specificKeyType : specificValueType;
  }

  private static boolean bool(
      final Map<String, ?> configs, final String key, final boolean fallback) {
    final Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    final String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(key, value, "must be true or false");
  }

  private static Class<? extends SpecificRecord> specificType(
      final Map<String, ?> configs, final String key) {
    final Object value = configs.get(key);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      final Class<?> type =
          value instanceof Class<?> c
              ? c
              : Class.forName(
                  value.toString().trim(), true, Thread.currentThread().getContextClassLoader());
      return type.asSubclass(SpecificRecord.class);
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new ConfigException(key, value, "must name a generated Avro SpecificRecord class");
    }
  }
}
