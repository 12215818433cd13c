package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.schemas.registry.InMemorySchemaRegistryClient;
import io.inferenceimpact.schemas.serde.ConfluentAvroDeserializer;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
  private static final String REQUEST =
      "{\"request_id\":\"r-1\",\"model\":\"llama\",\"deployment\":null,\"node\":\"node-a\","
          + "\"gpu_uuids\":[\"GPU-0\"],\"zone\":null,\"tenant\":null,\"provider\":null,"
          + "\"start_time\":\"1970-01-01T00:00:01.000Z\",\"end_time\":\"2026-11-27T12:00:00.250Z\","
          + "\"input_tokens\":10,\"output_tokens\":20,\"cached_input_tokens\":null,"
          + "\"time_to_first_token_ms\":84.5,\"status\":\"CANCELLED\",\"task\":\"text-generation\","
          + "\"output_images\":null,\"attributes\":{\"a\":\"1\",\"b\":\"2\"}}";

  @Test
  void shouldWriteGeneratedRecordsInSchemaOrderWithIsoMillisAndSortedMaps() throws Exception {
    final InferenceRequest r =
        JsonRecords.parse(
            "{\"request_id\": \"r-1\", \"model\": \"llama\", \"node\": \"node-a\","
                + " \"gpu_uuids\": [\"GPU-0\"], \"start_time\": 1000,"
                + " \"end_time\": \"2026-11-27T12:00:00.25Z\", \"input_tokens\": 10,"
                + " \"output_tokens\": 20, \"time_to_first_token_ms\": 84.5,"
                + " \"status\": \"CANCELLED\", \"attributes\": {\"b\": \"2\", \"a\": \"1\"}}",
            InferenceRequest.class);

    assertThat(AvroJson.toJson(r).toString()).isEqualTo(REQUEST);
  }

  @Test
  void shouldWriteTheSameTextForRecordsDecodedWithTheirWriterSchema() throws Exception {
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final GridIntensity g =
        JsonRecords.parse(
            "{\"zone\": \"DE\", \"valid_from\": 0, \"valid_to\": 1800000,"
                + " \"intensity_g_per_kwh\": 1.0E-5, \"emission_factor_type\": \"DIRECT\","
                + " \"estimated\": true, \"source\": \"static\","
                + " \"forecast\": [{\"valid_from\": 1800000, \"intensity_g_per_kwh\": 280.0}]}",
            GridIntensity.class);
    final byte[] bytes =
        new TopologySerdes(registry, Map.of())
            .avro(GridIntensity.class)
            .serializer()
            .serialize("grid.intensity.v1", g);
    final Object generic =
        new ConfluentAvroDeserializer<>(registry).deserialize("grid.intensity.v1", bytes);

    assertThat(generic).isInstanceOf(GenericRecord.class);
    assertThat(AvroJson.toJson((GenericRecord) generic)).isEqualTo(AvroJson.toJson(g));
    assertThat(AvroJson.toJson(g).toString())
        .isEqualTo(
            "{\"zone\":\"DE\",\"valid_from\":\"1970-01-01T00:00:00.000Z\","
                + "\"valid_to\":\"1970-01-01T00:30:00.000Z\",\"intensity_g_per_kwh\":1.0E-5,"
                + "\"emission_factor_type\":\"DIRECT\",\"estimated\":true,"
                + "\"estimation_method\":null,\"source\":\"static\",\"updated_at\":null,"
                + "\"forecast\":[{\"valid_from\":\"1970-01-01T00:30:00.000Z\","
                + "\"intensity_g_per_kwh\":280.0}],\"signal_percent\":null}");
  }
}
