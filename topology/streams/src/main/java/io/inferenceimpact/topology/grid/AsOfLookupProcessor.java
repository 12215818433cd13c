package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.GridIntensity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * Reads the zone's values valid over each value's {@link PricedSpan} from the versioned table
 * ({@value GridStage#STORE}; key: zone): one lookup at the span's last instant, or, for even power,
 * one per value valid during the span, walking back from its end through earlier versions.
 */
final class AsOfLookupProcessor<V> implements FixedKeyProcessor<String, V, AsOf<V>> {
  /**
   * Most intervals of one span: a request is at most {@code ingest.maxRequestDuration} (1 h by
   * default) long and intensities change every few minutes; beyond this the oldest interval is
   * stretched back to the span's start.
   */
  static final int MAX_INTERVALS = 1_000;

  private final AsOfSpec<V> spec;
  private FixedKeyProcessorContext<String, AsOf<V>> context;
  private VersionedKeyValueStore<String, GridIntensity> store;

  AsOfLookupProcessor(final AsOfSpec<V> spec) {
    this.spec = spec;
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, AsOf<V>> context) {
    this.context = context;
    this.store = context.getStateStore(GridStage.STORE);
  }

  @Override
  public void process(final FixedKeyRecord<String, V> record) {
    final PricedSpan span = spec.spanOf().apply(record.value());
    context.forward(record.withValue(new AsOf<>(record.value(), intervals(record.key(), span))));
  }

  private List<AsOf.Interval> intervals(final String zone, final PricedSpan span) {
    if (!span.evenPower() || span.toMillis() <= span.fromMillis()) {
      return List.of(
          new AsOf.Interval(
              span.fromMillis(),
              span.toMillis(),
              valueOf(store.get(zone, span.lastInstantMillis()))));
    }
    final List<AsOf.Interval> newestFirst = new ArrayList<>();
    long to = span.toMillis();
    while (true) {
      final VersionedRecord<GridIntensity> version = store.get(zone, to - 1);
      if (version == null
          || version.timestamp() <= span.fromMillis()
          || newestFirst.size() == MAX_INTERVALS - 1) {
        newestFirst.add(new AsOf.Interval(span.fromMillis(), to, valueOf(version)));
        break;
      }
      newestFirst.add(new AsOf.Interval(version.timestamp(), to, version.value()));
      to = version.timestamp();
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private static GridIntensity valueOf(final VersionedRecord<GridIntensity> version) {
    return version == null ? null : version.value();
  }
}
