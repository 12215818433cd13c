package io.inferenceimpact.schemas.serde;

import org.apache.avro.Schema;

/**
 * Maps (topic, key or value, schema) to the registry subject a schema is registered under.
 * Implementations: {@link TopicNameStrategy} (default), {@link RecordNameStrategy}, {@link
 * TopicRecordNameStrategy}; choose one with {@code key.subject.name.strategy} / {@code
 * value.subject.name.strategy}. Custom ones need a public no-argument constructor.
 */
public interface SubjectNameStrategy {

  String subjectName(String topic, boolean isKey, Schema schema);
}
