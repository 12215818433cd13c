package io.inferenceimpact.schemas.serde;

import org.apache.avro.Schema;

/** Subject {@code <topic>-<full name>}: one lineage per record type per topic. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {

  @Override
  public String subjectName(final String topic, final boolean isKey, final Schema schema) {
    return topic + "-" + schema.getFullName();
  }
}
