package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUIRED =
      "{\"request_id\": \"r-1\", \"model\": \"llama\", \"start_time\": 1000, \"end_time\": 2500,"
          + " \"input_tokens\": 10, \"output_tokens\": 20}";
  private static final String GRID =
      "{\"zone\": \"DE\", \"valid_from\": \"2026-11-27T12:00:00Z\", \"intensity_g_per_kwh\":"
          + " 312.5, \"emission_factor_type\": \"LIFECYCLE\", \"estimated\": false,"
          + " \"source\": \"static\"}";

  /** A valid request with the given fields added or replaced. */
  private static InferenceRequest request(final String fields) throws Exception {
    return JsonRecords.parse(with(REQUIRED, fields), InferenceRequest.class);
  }

  private static GridIntensity grid(final String fields) throws Exception {
    return JsonRecords.parse(with(GRID, fields), GridIntensity.class);
  }

  private static String with(final String base, final String fields) throws Exception {
    final ObjectNode node = (ObjectNode) JSON.readTree(base);
    node.setAll((ObjectNode) JSON.readTree("{" + fields + "}"));
    return node.toString();
  }

  @Test
  void shouldConvertStringsAndLongs() throws Exception {
    final InferenceRequest r = request("");

    assertThat(r.getRequestId()).isEqualTo("r-1");
    assertThat(r.getModel()).isEqualTo("llama");
    assertThat(r.getInputTokens()).isEqualTo(10L);
    assertThat(r.getOutputTokens()).isEqualTo(20L);
  }

  @Test
  void shouldApplySchemaDefaultsToOmittedFields() throws Exception {
    final InferenceRequest r = request("");

    assertThat(r.getNode()).isNull();
    assertThat(r.getCachedInputTokens()).isNull();
    assertThat(r.getStatus()).isEqualTo(RequestStatus.OK);
    assertThat(r.getTask()).isEqualTo("text-generation");
    assertThat(r.getGpuUuids()).isEmpty();
    assertThat(r.getAttributes()).isEmpty();
  }

  @Test
  void shouldReadTimestampsAsEpochMillisOrIso8601WithOffset() throws Exception {
    assertThat(request("").getEndTime()).isEqualTo(Instant.ofEpochMilli(2500));
    assertThat(grid("").getValidFrom()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
    assertThat(grid("\"valid_to\": \"2026-11-27T13:30:00.250+01:00\"").getValidTo())
        .isEqualTo(Instant.parse("2026-11-27T12:30:00.250Z"));
  }

  @Test
  void shouldReadNullableUnionsAsNullOrTheirType() throws Exception {
    assertThat(request("\"node\": null").getNode()).isNull();
    assertThat(request("\"node\": \"node-a\"").getNode()).isEqualTo("node-a");
    assertThat(request("\"cached_input_tokens\": 4").getCachedInputTokens()).isEqualTo(4L);
    assertThat(request("\"output_images\": 2").getOutputImages()).isEqualTo(2);
    assertThat(request("\"time_to_first_token_ms\": 84.5").getTimeToFirstTokenMs()).isEqualTo(84.5);
    assertThat(request("\"time_to_first_token_ms\": 84").getTimeToFirstTokenMs()).isEqualTo(84.0);
  }

  @Test
  void shouldReadDoublesBooleansAndEnums() throws Exception {
    final GridIntensity g = grid("\"estimated\": true, \"emission_factor_type\": \"DIRECT\"");

    assertThat(g.getIntensityGPerKwh()).isEqualTo(312.5);
    assertThat(g.getEstimated()).isTrue();
    assertThat(g.getEmissionFactorType()).isEqualTo(EmissionFactorType.DIRECT);
    assertThat(request("\"status\": \"CANCELLED\"").getStatus()).isEqualTo(RequestStatus.CANCELLED);
  }

  @Test
  void shouldReadArraysMapsAndNestedRecords() throws Exception {
    final InferenceRequest r =
        request(
            "\"gpu_uuids\": [\"GPU-0\", \"GPU-1\"], \"attributes\": {\"b\": \"2\", \"a\": \"1\"}");
    final GridIntensity g =
        grid(
            "\"forecast\": [{\"valid_from\": 0, \"intensity_g_per_kwh\": 300.0},"
                + " {\"valid_from\": \"1970-01-01T00:30:00Z\", \"intensity_g_per_kwh\": 280}]");

    assertThat(r.getGpuUuids()).containsExactly("GPU-0", "GPU-1");
    assertThat(r.getAttributes()).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(g.getForecast()).hasSize(2);
    assertThat(g.getForecast().get(1).getValidFrom()).isEqualTo(Instant.ofEpochSecond(1800));
    assertThat(g.getForecast().get(1).getIntensityGPerKwh()).isEqualTo(280.0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "long as text      | \"cached_input_tokens\": \"4\"       | cached_input_tokens | expected a long",
        "fractional long   | \"cached_input_tokens\": 4.5         | cached_input_tokens | expected a long",
        "int out of range  | \"output_images\": 3000000000        | output_images       | expected an int",
        "double as text    | \"time_to_first_token_ms\": \"fast\" | time_to_first_token_ms | expected a number",
        "unknown symbol    | \"status\": \"DONE\"                 | status              | must be one of [OK, ERROR, CANCELLED]",
        "bad time          | \"end_time\": \"yesterday\"          | end_time            | expected epoch milliseconds or an ISO-8601 time",
        "time without zone | \"end_time\": \"2026-11-27T12:00:00\" | end_time            | expected epoch milliseconds or an ISO-8601 time",
        "array item        | \"gpu_uuids\": [\"GPU-0\", 7]        | gpu_uuids[1]        | expected a string",
        "map value         | \"attributes\": {\"batch\": 4}       | attributes.batch    | expected a string",
        "unknown field     | \"endTime\": 5                       | endTime             | unknown field of InferenceRequest",
      })
  void shouldNameTheFieldThatDoesNotFit(
      final String name, final String extra, final String field, final String message) {
    assertThatThrownBy(() -> request(extra))
        .isInstanceOf(JsonRecordException.class)
        .hasMessageStartingWith("field '" + field + "': ")
        .hasMessageContaining(message)
        .extracting(e -> ((JsonRecordException) e).field())
        .isEqualTo(field);
  }

  @Test
  void shouldNameAMissingRequiredField() {
    assertThatThrownBy(() -> JsonRecords.parse("{\"request_id\": \"r-1\"}", InferenceRequest.class))
        .isInstanceOf(JsonRecordException.class)
        .hasMessage("field 'model': required, missing");
  }

  @Test
  void shouldNameANestedRecordField() {
    assertThatThrownBy(() -> grid("\"forecast\": [{\"valid_from\": 0}]"))
        .hasMessage("field 'forecast[0].intensity_g_per_kwh': required, missing");
  }

  @Test
  void shouldRejectTextThatIsNotOneJsonObject() {
    for (final String text : List.of("{\"request_id\": ", "[1, 2]", "{} {}", "null")) {
      assertThatThrownBy(() -> JsonRecords.parse(text, InferenceRequest.class))
          .as(text)
          .isInstanceOf(JsonRecordException.class)
          .satisfies(e -> assertThat(((JsonRecordException) e).field()).isEmpty());
    }
  }

  @Test
  void shouldRejectDuplicateFieldNames() {
    assertThatThrownBy(
            () ->
                JsonRecords.parse(
                    REQUIRED.replace("}", ", \"request_id\": \"r-2\"}"), InferenceRequest.class))
        .isInstanceOf(JsonRecordException.class)
        .hasMessageContaining("Duplicate field 'request_id'");
  }
}
