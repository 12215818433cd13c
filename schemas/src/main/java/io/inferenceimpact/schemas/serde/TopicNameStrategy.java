package io.inferenceimpact.schemas.serde;

import org.apache.avro.Schema;

/** Subject {@code <topic>-key} or {@code <topic>-value}: one schema lineage per topic. */
public final class TopicNameStrategy implements SubjectNameStrategy {

  @Override
  public String subjectName(final String topic, final boolean isKey, final Schema schema) {
    return topic + (isKey ? "-key" : "-value");
  }
}
