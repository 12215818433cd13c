package io.inferenceimpact.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.ConfluentAvroDeserializer;
import io.inferenceimpact.topology.support.DeadLetters;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Formats one output record as one line of JSON. A record of an output topic: {@code key}, {@code
 * timestamp} (epoch ms) and {@code value} (the Avro record decoded with its writer schema from the
 * registry, see {@link AvroJson}; {@code value_base64} instead if it is not Avro). A DLQ record:
 * {@code key}, {@code timestamp}, {@code reason}, {@code detail}, {@code source_topic} (from the
 * DLQ headers), {@code input} and {@code input_error} (which replay line, and why it did not
 * convert) and {@code value_base64} (the original bytes). A key that is not UTF-8 is written as
 * {@code key_base64}. Fields always come in this order.
 */
final class OutputLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConfluentAvroDeserializer<Object> avro;

  OutputLines(final SchemaRegistryClient registry) {
    this.avro = new ConfluentAvroDeserializer<>(registry);
  }

  String record(final String topic, final TestRecord<byte[], byte[]> record) {
    final ObjectNode line = keyAndTimestamp(record);
    final byte[] value = record.value();
    if (value == null) {
      line.putNull("value");
      return text(line);
    }
    final Object decoded;
    try {
      decoded = avro.deserialize(topic, value);
    } catch (final RuntimeException e) {
      line.put("value_base64", Base64.getEncoder().encodeToString(value));
      return text(line);
    }
    line.set(
        "value",
        decoded instanceof IndexedRecord r ? AvroJson.toJson(r) : JSON.valueToTree(decoded));
    return text(line);
  }

  String dlqRecord(final TestRecord<byte[], byte[]> record) {
    final ObjectNode line = keyAndTimestamp(record);
    final Headers headers = record.headers();
    line.put("reason", header(headers, DeadLetters.REASON_HEADER));
    line.put("detail", header(headers, DeadLetters.DETAIL_HEADER));
    line.put("source_topic", header(headers, DeadLetters.SOURCE_TOPIC_HEADER));
    line.put("input", header(headers, ReplayInput.INPUT_HEADER));
    line.put("input_error", header(headers, ReplayInput.ERROR_HEADER));
    line.put(
        "value_base64",
        record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
    return text(line);
  }

  private static ObjectNode keyAndTimestamp(final TestRecord<byte[], byte[]> record) {
    final ObjectNode line = JSON.createObjectNode();
    final byte[] key = record.key();
    final String text = key == null ? null : utf8OrNull(key);
    if (key != null && text == null) {
      line.put("key_base64", Base64.getEncoder().encodeToString(key));
    } else {
      line.put("key", text);
    }
    line.put("timestamp", record.timestamp());
    return line;
  }

  /** The last value of a header as UTF-8 text, or null. */
  private static String header(final Headers headers, final String name) {
    final Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String utf8OrNull(final byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (final CharacterCodingException e) {
      return null;
    }
  }

  private static String text(final JsonNode line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (final JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
