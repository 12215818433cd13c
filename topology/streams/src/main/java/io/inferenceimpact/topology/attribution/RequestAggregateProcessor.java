package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.topology.support.StageCounter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 3, per request: sums the final parts of a request from each of its GPUs (store {@value
 * #STORE}) and, when the last of its {@code gpuCount} GPUs has reported, emits one {@link
 * MeasuredRequestEnergy} and deletes the sum. A part repeated for a GPU already summed (redelivery)
 * is ignored and counted.
 */
final class RequestAggregateProcessor
    implements Processor<String, RequestPart, String, MeasuredRequestEnergy> {
  static final String STORE = "request-energy-aggregate-store";

  private ProcessorContext<String, MeasuredRequestEnergy> context;
  private KeyValueStore<String, MeasuredRequestEnergy> store;
  private StageCounter duplicates;

  @Override
  public void init(final ProcessorContext<String, MeasuredRequestEnergy> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.duplicates =
        StageCounter.register(
            context,
            StageCounter.ATTRIBUTION,
            "duplicate-request-parts",
            "request parts received twice for one GPU");
  }

  @Override
  public void process(final Record<String, RequestPart> record) {
    final RequestPart part = record.value();
    final MeasuredRequestEnergy before = store.get(record.key());
    if (before != null && before.gpuUuids().contains(part.gpuUuid())) {
      duplicates.increment();
      return;
    }
    final MeasuredRequestEnergy sum =
        before == null ? MeasuredRequestEnergy.first(part) : before.plus(part);
    if (sum.gpuUuids().size() >= part.request().gpuCount()) {
      if (before != null) {
        store.put(record.key(), null); // a delete that does not read the old value back
      }
      context.forward(record.withValue(sum));
    } else {
      store.put(record.key(), sum);
    }
  }

  @Override
  public void close() {
    duplicates.close();
  }
}
