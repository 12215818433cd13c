package io.inferenceimpact.topology.support;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Passes records on unchanged and counts them ({@code <name>-total}). */
public final class CountingProcessor<K, V> implements FixedKeyProcessor<K, V, V> {
  private final String group;
  private final String name;
  private final String description;
  private FixedKeyProcessorContext<K, V> context;
  private StageCounter counter;

  /** Counts into {@code <name>-total} of {@code group} ({@link StageCounter}). */
  public CountingProcessor(final String group, final String name, final String description) {
    this.group = group;
    this.name = name;
    this.description = description;
  }

  @Override
  public void init(final FixedKeyProcessorContext<K, V> context) {
    this.context = context;
    this.counter = StageCounter.register(context, group, name, description);
  }

  @Override
  public void process(final FixedKeyRecord<K, V> record) {
    counter.increment();
    context.forward(record);
  }

  @Override
  public void close() {
    counter.close();
  }
}
