package io.inferenceimpact.replay;

import org.apache.kafka.common.header.Headers;

/**
 * One input line ready to be piped into its topic: the serialized record, or for a line that does
 * not convert, the line's own bytes (the topology sends those to the DLQ as undecodable).
 *
 * @param line 1-based line number in its file
 * @param eventTimeMillis the record's event time; for an unconvertible line, that of the line
 *     before
 * @param key the Kafka key (UTF-8), or null
 * @param headers {@value #INPUT_HEADER}, and {@value #ERROR_HEADER} for an unconvertible line
 */
public record ReplayInput(
    InputKind kind, int line, long eventTimeMillis, byte[] key, byte[] value, Headers headers) {
  /** Where the record came from: {@code file-name:line}. */
  public static final String INPUT_HEADER = "impact.replay.input";

  /** Why the line could not be converted (line and field). */
  public static final String ERROR_HEADER = "impact.replay.input.error";

  /** Marks an event time not known yet (a leading unconvertible line). */
  static final long UNKNOWN_TIME = Long.MIN_VALUE;

  ReplayInput withEventTime(final long millis) {
    return new ReplayInput(kind, line, millis, key, value, headers);
  }
}
