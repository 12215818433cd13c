package io.inferenceimpact.schemas.serde;

import org.apache.avro.Schema;

/**
 * Subject = the schema's full name ({@code namespace.Name}; the type name for primitives): one
 * lineage per record type, shared by every topic that carries it.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {

  @Override
  public String subjectName(final String topic, final boolean isKey, final Schema schema) {
    return schema.getFullName();
  }
}
