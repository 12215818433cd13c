package io.inferenceimpact.interop;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * InferenceRequests that exercise every kind of field (nullable set and unset, arrays, maps, enums,
 * timestamps) and their plain-JSON form as other languages' clients see them: timestamps as epoch
 * milliseconds, enums as symbols, unions unwrapped.
 */
final class InteropRecords {

  static final ObjectMapper JSON = new ObjectMapper();

  private InteropRecords() {}

  static List<InferenceRequest> requests() {
    final Instant start = Instant.parse("2026-11-27T10:15:30.125Z");
    return List.of(
        InferenceRequest.newBuilder()
            .setRequestId("req-full-1")
            .setModel("meta-llama/Llama-3.1-70B-Instruct")
            .setDeployment("llama70b-prod")
            .setNode("gpu-node-7")
            .setGpuUuids(List.of("GPU-aaaa", "GPU-bbbb", "GPU-cccc", "GPU-dddd"))
            .setZone("DE")
            .setTenant("team-search")
            .setStartTime(start)
            .setEndTime(start.plusMillis(8_431))
            .setInputTokens(1_874)
            .setOutputTokens(412)
            .setCachedInputTokens(1_024L)
            .setTimeToFirstTokenMs(182.5)
            .setStatus(RequestStatus.OK)
            .setAttributes(Map.of("engine", "vllm-0.11", "batch_size", "64"))
            .build(),
        InferenceRequest.newBuilder()
            .setRequestId("req-minimal-2")
            .setModel("mistral-small")
            .setStartTime(start.plusSeconds(1))
            .setEndTime(start.plusSeconds(2))
            .setInputTokens(12)
            .setOutputTokens(0)
            .build(),
        InferenceRequest.newBuilder()
            .setRequestId("req-embed-3")
            .setModel("text-embedding-3-large")
            .setProvider("openai")
            .setStartTime(start.plusSeconds(3))
            .setEndTime(start.plusMillis(3_040))
            .setInputTokens(2_048)
            .setOutputTokens(0)
            .setStatus(RequestStatus.CANCELLED)
            .setTask("embedding")
            .build());
  }

  /** The record as a plain JSON object: what Confluent's Python and Node clients produce/return. */
  static Map<String, Object> toPlainJson(final SpecificRecord record) {
    final Map<String, Object> plain = new LinkedHashMap<>();
    for (final Schema.Field field : record.getSchema().getFields()) {
      plain.put(field.name(), plainValue(record.get(field.pos())));
    }
    return normalise(plain);
  }

  /** Parses one JSON object into the same normal form as {@link #toPlainJson}. */
  static Map<String, Object> parse(final String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (final IOException e) {
      throw new UncheckedIOException("not a JSON object: " + json, e);
    }
  }

  static String toJsonLines(final List<? extends SpecificRecord> records) {
    return records.stream()
        .map(r -> write(toPlainJson(r)))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  static String write(final Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object plainValue(final Object value) {
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof Enum<?> symbol) {
      return symbol.name();
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    return value;
  }

  // A JSON round trip gives both sides the same number and collection types.
  private static Map<String, Object> normalise(final Map<String, Object> plain) {
    return parse(write(plain));
  }
}
