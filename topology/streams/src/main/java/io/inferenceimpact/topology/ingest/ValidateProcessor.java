package io.inferenceimpact.topology.ingest;

import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.validation.DlqReason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and validates one raw record. A valid one continues with its payload's event time; an
 * invalid one continues with its original bytes and timestamp, its headers plus {@value
 * DeadLetters#REASON_HEADER}, {@value DeadLetters#SOURCE_TOPIC_HEADER} and, for undecodable bytes,
 * {@value DeadLetters#DETAIL_HEADER} (what the decoder said), bound for the DLQ. A registry outage
 * is not the record's fault: it fails the task, which Kafka Streams retries, and nothing goes to
 * the DLQ.
 */
final class ValidateProcessor<T> implements FixedKeyProcessor<byte[], byte[], Checked<T>> {
  private static final Logger LOG = LoggerFactory.getLogger(ValidateProcessor.class);

  private final IngestSpec<T> spec;
  private FixedKeyProcessorContext<byte[], Checked<T>> context;

  ValidateProcessor(final IngestSpec<T> spec) {
    this.spec = spec;
  }

  @Override
  public void init(final FixedKeyProcessorContext<byte[], Checked<T>> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<byte[], byte[]> record) {
    final String topic =
        context.recordMetadata().map(RecordMetadata::topic).orElse(spec.source().name());
    final T value;
    try {
      value = spec.decoder().deserialize(topic, record.headers(), record.value());
    } catch (final RuntimeException e) {
      if (DecodeFailures.isOutage(e)) {
        // The bytes may be fine; the registry is not. Fail the task so that it is retried from the
        // last commit instead of sending good records to the DLQ.
        throw e;
      }
      LOG.debug("Undecodable record on {}: {}", topic, e.getMessage());
      toDlq(record, topic, DlqReason.UNDECODABLE, DecodeFailures.describe(e));
      return;
    }
    final Optional<DlqReason> reason = spec.validator().check(value, context.currentSystemTimeMs());
    if (reason.isPresent()) {
      LOG.debug("Invalid record on {}: {}", topic, reason.get().code());
      toDlq(record, topic, reason.get(), null);
    } else {
      context.forward(
          record
              .withValue(Checked.valid(value))
              .withTimestamp(spec.eventTimeOf().applyAsLong(value)));
    }
  }

  private void toDlq(
      final FixedKeyRecord<byte[], byte[]> record,
      final String topic,
      final DlqReason reason,
      final String detail) {
    final Headers headers = new RecordHeaders(record.headers().toArray());
    headers
        .remove(DeadLetters.REASON_HEADER)
        .remove(DeadLetters.SOURCE_TOPIC_HEADER)
        .remove(DeadLetters.DETAIL_HEADER);
    headers.add(DeadLetters.REASON_HEADER, reason.code().getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetters.SOURCE_TOPIC_HEADER, topic.getBytes(StandardCharsets.UTF_8));
    if (detail != null) {
      headers.add(DeadLetters.DETAIL_HEADER, detail.getBytes(StandardCharsets.UTF_8));
    }
    context.forward(
        record.withValue(Checked.<T>invalid(reason, record.value())).withHeaders(headers));
  }
}
