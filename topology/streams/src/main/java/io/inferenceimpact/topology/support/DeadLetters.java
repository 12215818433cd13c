package io.inferenceimpact.topology.support;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The one way into the dead-letter topic: every stage's rejected records pass here, are told to the
 * {@link TopologyObserver} by reason and source topic (from their headers), and go to the DLQ.
 */
public final class DeadLetters {
  /** Header with the reason code of a dead letter. */
  public static final String REASON_HEADER = "impact.dlq.reason";

  /** Header with the topic a dead letter came from. */
  public static final String SOURCE_TOPIC_HEADER = "impact.dlq.source.topic";

  /** Header with a human-readable detail of the reason, where there is one. */
  public static final String DETAIL_HEADER = "impact.dlq.detail";

  private DeadLetters() {}

  /**
   * Sends the records to the DLQ.
   *
   * @param name prefix of the processor names: {@code name-observe} and {@code name-sink}
   */
  public static void sink(
      final KStream<byte[], byte[]> rejected,
      final Topic<byte[], byte[]> dlq,
      final TopologyObserver observer,
      final String name) {
    rejected
        .processValues(() -> new Observe(observer), Named.as(name + "-observe"))
        .to(dlq.name(), dlq.produced(name + "-sink"));
  }

  private static final class Observe implements FixedKeyProcessor<byte[], byte[], byte[]> {
    private final TopologyObserver observer;
    private FixedKeyProcessorContext<byte[], byte[]> context;

    Observe(final TopologyObserver observer) {
      this.observer = observer;
    }

    @Override
    public void init(final FixedKeyProcessorContext<byte[], byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<byte[], byte[]> record) {
      if (observer != TopologyObserver.NONE) {
        observer.deadLetter(
            header(record.headers(), REASON_HEADER), header(record.headers(), SOURCE_TOPIC_HEADER));
      }
      context.forward(record);
    }

    private static String header(final Headers headers, final String name) {
      final Header h = headers.lastHeader(name);
      return h == null || h.value() == null
          ? "unknown"
          : new String(h.value(), StandardCharsets.UTF_8);
    }
  }
}
