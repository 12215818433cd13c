package io.inferenceimpact.topology.attribution;

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
 * Turns a request that was late on every GPU (all its slots were final before it arrived) into a
 * DLQ record with reason {@code late}, counted ({@code late-requests-total}). The ingest stage does
 * not keep the original bytes, so the value is the request re-encoded in the input topic's format
 * (Confluent wire format, the input topic's subject); headers as the ingest stage's DLQ records.
 */
final class LateRequestProcessor
    implements Processor<String, MeasuredRequestEnergy, byte[], byte[]> {
  private final Serializer<InferenceRequest> encoder;
  private final String sourceTopic;
  private ProcessorContext<byte[], byte[]> context;
  private StageCounter late;

  LateRequestProcessor(final Serializer<InferenceRequest> encoder, final String sourceTopic) {
    this.encoder = encoder;
    this.sourceTopic = sourceTopic;
  }

  @Override
  public void init(final ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.late =
        StageCounter.register(
            context, StageCounter.ATTRIBUTION, "late-requests", "requests beyond grace, to DLQ");
  }

  @Override
  public void process(final Record<String, MeasuredRequestEnergy> record) {
    late.increment();
    final Headers headers = new RecordHeaders();
    headers.add(DeadLetters.REASON_HEADER, DlqReason.LATE.code().getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetters.SOURCE_TOPIC_HEADER, sourceTopic.getBytes(StandardCharsets.UTF_8));
    final byte[] value = encoder.serialize(sourceTopic, record.value().request());
    context.forward(
        new Record<>(
            record.key().getBytes(StandardCharsets.UTF_8), value, record.timestamp(), headers));
  }

  @Override
  public void close() {
    late.close();
  }
}
