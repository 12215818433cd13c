package io.inferenceimpact.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Builds the DatumReader that resolves a writer schema to the reader schema: the specific class's
 * schema (given, or found on the classpath by the writer's full name), a given generic reader
 * schema, or the writer schema itself. Incompatible pairs fail with Avro's explanation.
 */
final class AvroReaders {

  private AvroReaders() {}

  static DatumReader<Object> readerFor(
      final int writerId,
      final Schema writer,
      final boolean specific,
      final Class<? extends SpecificRecord> specificType,
      final Schema genericReader) {
    final boolean named =
        writer.getType() == Schema.Type.RECORD
            || writer.getType() == Schema.Type.ENUM
            || writer.getType() == Schema.Type.FIXED;
    if (specific && (specificType != null || named)) {
      final Class<?> type =
          specificType != null ? specificType : SpecificData.get().getClass(writer);
      if (type == null) {
        throw new SerializationException(
            "No generated class for "
                + writer.getFullName()
                + " (writer schema id "
                + writerId
                + ") on the classpath, but specific.avro.reader is set");
      }
      final SpecificData model = SpecificData.getForClass(type);
      final Schema reader = model.getSchema(type);
      checkCompatible(writerId, writer, reader);
      return new SpecificDatumReader<>(writer, reader, model);
    }
    final Schema reader = genericReader != null ? genericReader : writer;
    if (reader != writer) {
      checkCompatible(writerId, writer, reader);
    }
    return new GenericDatumReader<>(writer, reader, GenericData.get());
  }

  private static void checkCompatible(
      final int writerId, final Schema writer, final Schema reader) {
    final SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      final String why =
          result.getResult().getIncompatibilities().stream()
              .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
              .findFirst()
              .orElse(result.getDescription());
      throw new AvroWireFormatException(
          "Writer schema id "
              + writerId
              + " ("
              + writer.getFullName()
              + ") cannot be read as reader schema "
              + reader.getFullName()
              + ": "
              + why);
    }
  }
}
