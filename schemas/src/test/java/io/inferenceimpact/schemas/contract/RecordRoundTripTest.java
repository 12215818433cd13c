package io.inferenceimpact.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record type survives Avro binary encoding with its generated class, fully populated and
 * with only its required fields; and data from a writer that lacks the optional fields (an older or
 * simpler producer) decodes into the class with the declared defaults.
 */
class RecordRoundTripTest {

  static Stream<Arguments> records() {
    return Stream.of(
        Arguments.of(Records.minimalInferenceRequest(), Records.fullInferenceRequest()),
        Arguments.of(Records.minimalGpuSample(), Records.fullGpuSample()),
        Arguments.of(Records.minimalGridIntensity(), Records.fullGridIntensity()),
        Arguments.of(Records.minimalNodeInfo(), Records.fullNodeInfo()),
        Arguments.of(Records.minimalRequestImpact(), Records.fullRequestImpact()),
        Arguments.of(Records.minimalModelImpactWindow(), Records.fullModelImpactWindow()),
        Arguments.of(Records.minimalImpactAlert(), Records.fullImpactAlert()));
  }

  @Test
  void shouldCoverEveryRecordTypeOfTheContract() {
    assertThat(records().map(a -> a.get()[1].getClass().getSimpleName()))
        .containsExactlyInAnyOrder(
            "InferenceRequest",
            "GpuSample",
            "GridIntensity",
            "NodeInfo",
            "RequestImpact",
            "ModelImpactWindow",
            "ImpactAlert");
  }

  @ParameterizedTest
  @MethodSource("records")
  void shouldRoundTripAFullyPopulatedRecord(
      final SpecificRecordBase minimal, final SpecificRecordBase full) throws IOException {
    for (final Schema.Field field : full.getSchema().getFields()) {
      final Object value = full.get(field.pos());
      assertThat(value).as("fixture sets " + field.name()).isNotNull();
      assertThat(isEmpty(value)).as("fixture fills " + field.name()).isFalse();
      if (field.hasDefaultValue()) {
        assertThat(value)
            .as("fixture overrides the default of " + field.name())
            .isNotEqualTo(minimal.get(field.pos()));
      }
    }

    assertThat(roundTrip(full, full.getSchema())).isEqualTo(full);
  }

  @ParameterizedTest
  @MethodSource("records")
  void shouldRoundTripARecordWithOnlyRequiredFieldsAndKeepItsDefaults(
      final SpecificRecordBase minimal, final SpecificRecordBase full) throws IOException {
    final SpecificRecordBase decoded = roundTrip(minimal, minimal.getSchema());

    assertThat(decoded).isEqualTo(minimal);
    assertDefaults(decoded);
  }

  @ParameterizedTest
  @MethodSource("records")
  void shouldReadDataWithoutTheOptionalFieldsIntoTheDefaults(
      final SpecificRecordBase minimal, final SpecificRecordBase full) throws IOException {
    final Schema current = full.getSchema();
    final Schema requiredOnly =
        Schema.createRecord(
            current.getName(),
            current.getDoc(),
            current.getNamespace(),
            false,
            current.getFields().stream()
                .filter(f -> !f.hasDefaultValue())
                .map(f -> new Schema.Field(f, f.schema()))
                .toList());
    final GenericRecord written = new GenericData.Record(requiredOnly);
    requiredOnly.getFields().forEach(f -> written.put(f.name(), full.get(f.name())));

    final SpecificRecordBase decoded = roundTrip(written, requiredOnly, current);

    assertThat(requiredOnly.getFields()).hasSizeLessThan(current.getFields().size());
    assertThat(decoded).isEqualTo(minimal);
    assertDefaults(decoded);
  }

  @Test
  void shouldDefaultStatusTaskAndCollectionsOfAnInferenceRequest() throws IOException {
    final InferenceRequest decoded =
        (InferenceRequest)
            roundTrip(Records.minimalInferenceRequest(), InferenceRequest.getClassSchema());

    assertThat(decoded.getStatus()).isEqualTo(RequestStatus.OK);
    assertThat(decoded.getTask()).isEqualTo("text-generation");
    assertThat(decoded.getGpuUuids()).isEmpty();
    assertThat(decoded.getAttributes()).isEmpty();
    assertThat(decoded.getZone()).isNull();
    assertThat(decoded.getCachedInputTokens()).isNull();
  }

  private static void assertDefaults(final SpecificRecordBase record) {
    final SpecificData model = record.getSpecificData();
    for (final Schema.Field field : record.getSchema().getFields()) {
      if (field.hasDefaultValue()) {
        assertThat(record.get(field.pos()))
            .as(field.name())
            .isEqualTo(model.getDefaultValue(field));
      }
    }
  }

  private static SpecificRecordBase roundTrip(final Object record, final Schema schema)
      throws IOException {
    return roundTrip(record, schema, schema);
  }

  /**
   * Writes {@code record} with {@code writer}, reads it as the generated class of {@code reader}.
   */
  private static SpecificRecordBase roundTrip(
      final Object record, final Schema writer, final Schema reader) throws IOException {
    final SpecificData model = SpecificData.getForSchema(reader);
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(writer, model).write(record, encoder);
    encoder.flush();
    final SpecificDatumReader<SpecificRecordBase> datumReader =
        new SpecificDatumReader<>(writer, reader, model);
    return datumReader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
  }

  private static boolean isEmpty(final Object value) {
    return value instanceof Collection<?> c && c.isEmpty()
        || value instanceof Map<?, ?> m && m.isEmpty();
  }
}
