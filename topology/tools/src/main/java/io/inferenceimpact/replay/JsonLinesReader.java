package io.inferenceimpact.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads one JSON-lines input file into records ready to pipe. A line that is not UTF-8, not JSON or
 * does not fit the schema is kept as its original bytes with the reason in a header, so that it
 * reaches the DLQ as it would in production; blank lines are skipped.
 */
final class JsonLinesReader {
  private final InputKind kind;
  private final String topic;
  private final Serializer<SpecificRecord> serializer;

  JsonLinesReader(
      final InputKind kind, final String topic, final Serializer<SpecificRecord> serializer) {
    this.kind = kind;
    this.topic = topic;
    this.serializer = serializer;
  }

  List<ReplayInput> read(final Path file) throws IOException {
    final byte[] content = Files.readAllBytes(file);
    final String name = file.getFileName().toString();
    final List<ReplayInput> inputs = new ArrayList<>();
    int start = 0;
    int lineNumber = 0;
    while (start < content.length) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      lineNumber++;
      int stop = end;
      if (stop > start && content[stop - 1] == '\r') {
        stop--;
      }
      final byte[] line = Arrays.copyOfRange(content, start, stop);
      if (!isBlank(line)) {
        inputs.add(toInput(line, lineNumber, name));
      }
      start = end + 1;
    }
    return inputs;
  }

  private ReplayInput toInput(final byte[] line, final int lineNumber, final String fileName) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(ReplayInput.INPUT_HEADER, utf8(fileName + ":" + lineNumber));
    JsonNode node = null;
    try {
      node = JsonRecords.JSON.readTree(decode(line));
      final SpecificRecord record = JsonRecords.convert(node, kind.type());
      final String key = kind.key(record);
      final long eventTimeMillis = kind.eventTimeMillis(record);
      if (eventTimeMillis < 0) {
        return unconvertible(
            line, lineNumber, fileName, node, "event time before 1970-01-01", headers);
      }
      return new ReplayInput(
          kind,
          lineNumber,
          eventTimeMillis,
          key == null ? null : utf8(key),
          serializer.serialize(topic, headers, record),
          headers);
    } catch (final JsonRecordException e) {
      return unconvertible(line, lineNumber, fileName, node, e.getMessage(), headers);
    } catch (final JsonProcessingException e) {
      return unconvertible(
          line, lineNumber, fileName, null, "not JSON: " + e.getOriginalMessage(), headers);
    } catch (final CharacterCodingException e) {
      return unconvertible(line, lineNumber, fileName, null, "not UTF-8", headers);
    }
  }

  private ReplayInput unconvertible(
      final byte[] line,
      final int lineNumber,
      final String fileName,
      final JsonNode node,
      final String why,
      final RecordHeaders headers) {
    headers.add(ReplayInput.ERROR_HEADER, utf8(fileName + " line " + lineNumber + ": " + why));
    final JsonNode key = node == null ? null : node.get(kind.keyField());
    return new ReplayInput(
        kind,
        lineNumber,
        ReplayInput.UNKNOWN_TIME,
        key != null && key.isTextual() ? utf8(key.textValue()) : null,
        line,
        headers);
  }

  private static String decode(final byte[] line) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(line))
        .toString();
  }

  private static boolean isBlank(final byte[] line) {
    for (final byte b : line) {
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static byte[] utf8(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
