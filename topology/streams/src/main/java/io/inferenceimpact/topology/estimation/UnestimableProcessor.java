package io.inferenceimpact.topology.estimation;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.topology.support.StageCounter;
import io.inferenceimpact.validation.DlqReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends a request no method can estimate to the DLQ with reason {@code unestimable}, counted
 * ({@code unestimable-requests-total}), so that it is never dropped silently and can be replayed
 * once its task has a figure. Value: the request re-encoded in the input topic's format; headers as
 * the other DLQ records.
 */
final class UnestimableProcessor implements Processor<String, InferenceRequest, byte[], byte[]> {
  private final Serializer<InferenceRequest> encoder;
  private final String sourceTopic;
  private ProcessorContext<byte[], byte[]> context;
  private StageCounter unestimable;

  UnestimableProcessor(final Serializer<InferenceRequest> encoder, final String sourceTopic) {
    this.encoder = encoder;
    this.sourceTopic = sourceTopic;
  }

  @Override
  public void init(final ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    unestimable =
        StageCounter.register(
            context,
            StageCounter.ESTIMATION,
            "unestimable-requests",
            "requests no method can estimate, to DLQ");
  }

  @Override
  public void process(final Record<String, InferenceRequest> record) {
    unestimable.increment();
    final InferenceRequest r = record.value();
    final Headers headers = new RecordHeaders();
    headers.add(
        DeadLetters.REASON_HEADER, DlqReason.UNESTIMABLE.code().getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetters.DETAIL_HEADER,
        ("task '" + r.getTask() + "' has no published figure and the request has no output tokens")
            .getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetters.SOURCE_TOPIC_HEADER, sourceTopic.getBytes(StandardCharsets.UTF_8));
    context.forward(
        new Record<>(
            record.key().getBytes(StandardCharsets.UTF_8),
            encoder.serialize(sourceTopic, r),
            record.timestamp(),
            headers));
  }

  @Override
  public void close() {
    unestimable.close();
  }
}
