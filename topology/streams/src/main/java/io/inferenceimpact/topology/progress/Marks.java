package io.inferenceimpact.topology.progress;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Progress marks on repartition topics whose values stay the stage's own type: a mark is a record
 * with a null value, the writer's id as key and its watermark in the header {@value #HEADER} (8
 * bytes, big-endian). {@link MarkEmitter} writes them, {@link MarkPartitioner} sends them to every
 * partition, {@link MarkReader} turns them into the reader's watermark and drops them, so no stage
 * after the reader ever sees one.
 */
public final class Marks {
  /** Header of a mark: the writer's watermark, epoch millis. */
  public static final String HEADER = "impact.progress";

  private Marks() {}

  static Headers headers(final long watermarkMillis) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(watermarkMillis).array());
    return headers;
  }

  /** The watermark of a mark record, or empty for a record that is not one. */
  static OptionalLong watermarkOf(final Object value, final Headers headers) {
    if (value != null || headers == null) {
      return OptionalLong.empty();
    }
    final Header header = headers.lastHeader(HEADER);
    if (header == null || header.value() == null || header.value().length != Long.BYTES) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
  }
}
