package io.inferenceimpact.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/** One registered version of a subject: its global id, version number and schema. */
public record SchemaMetadata(String subject, int id, int version, Schema schema) {

  public SchemaMetadata {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
