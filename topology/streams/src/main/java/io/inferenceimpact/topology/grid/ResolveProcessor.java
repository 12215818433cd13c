package io.inferenceimpact.topology.grid;

import io.inferenceimpact.topology.support.StageCounter;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Applies {@link GridLookup}'s rule to each looked-up value (key: zone, timestamp: event time) and
 * counts what fell back: {@code <prefix>-intensity-fallback-total} (stale or missing live value)
 * and {@code <prefix>-unknown-zone-total} (neither live value nor annual factor: world factor).
 */
final class ResolveProcessor<V> implements FixedKeyProcessor<String, AsOf<V>, V> {
  private final AsOfSpec<V> spec;
  private final GridLookup lookup;
  private FixedKeyProcessorContext<String, V> context;
  private StageCounter fallbacks;
  private StageCounter unknownZones;

  ResolveProcessor(final AsOfSpec<V> spec, final GridLookup lookup) {
    this.spec = spec;
    this.lookup = lookup;
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, V> context) {
    this.context = context;
    this.fallbacks =
        StageCounter.register(
            context,
            StageCounter.GRID,
            spec.prefix() + "-intensity-fallback",
            "values given a zone's annual factor: live intensity stale or missing");
    this.unknownZones =
        StageCounter.register(
            context,
            StageCounter.GRID,
            spec.prefix() + "-unknown-zone",
            "values of zones with neither live intensity nor annual factor (world factor used)");
  }

  @Override
  public void process(final FixedKeyRecord<String, AsOf<V>> record) {
    final ResolvedIntensity intensity = lookup.resolve(record.key(), record.value().intervals());
    if (intensity.outcome() == ResolvedIntensity.Outcome.UNKNOWN_ZONE) {
      unknownZones.increment();
    } else if (intensity.isFallback()) {
      fallbacks.increment();
    }
    context.forward(
        record.withValue(spec.withIntensity().apply(record.value().value(), intensity)));
  }

  @Override
  public void close() {
    fallbacks.close();
    unknownZones.close();
  }
}
