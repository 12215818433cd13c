package io.inferenceimpact.topology.grid;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keys each value by its grid zone and stamps it with its event time, which the versioned table
 * join uses as the "as of" time.
 */
final class ZoneKeyProcessor<V> implements Processor<String, V, String, V> {
  private final AsOfSpec<V> spec;
  private final String defaultZone;
  private ProcessorContext<String, V> context;

  ZoneKeyProcessor(final AsOfSpec<V> spec, final String defaultZone) {
    this.spec = spec;
    this.defaultZone = defaultZone;
  }

  @Override
  public void init(final ProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<String, V> record) {
    final String zone = spec.zoneOf().apply(record.value());
    context.forward(
        record
            .withKey(zone == null ? defaultZone : zone)
            .withTimestamp(spec.eventTimeOf().applyAsLong(record.value())));
  }
}
