package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.progress.TaskProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * The bounded wait for grid values (node {@code <prefix>-await}, store {@code
 * <prefix>-intensity-wait-store}): a value that {@link AsOfSpec#awaitsIntensity() awaits} its
 * intensity (an ESTIMATED request, which comes as soon as it ended) is held until the grid values
 * have arrived up to its end + {@code zones.intensityWait} in event time (the watermark of the grid
 * inputs, {@link GridStage#VALUES_PROGRESS_STORE}), so that an intensity valid during it but
 * published up to a wait late still prices it, as it does in a replay of the same data. It goes on
 * at once when its zone already has a value valid from its end on (nothing can change its price any
 * more, values of a zone arriving in time order).
 *
 * <p>The grid inputs' watermark follows the wall clock while they are quiet (a poller publishes
 * every few minutes), so held values go on about one wait after they ended, live; on a backlog it
 * follows the data. Held values are in the store (changelogged), in event-time order, so a restart
 * neither loses nor reorders them; they go on with their own event time as record timestamp. The
 * oldest held event time is this processor's party in the task's progress ({@link
 * GridStage#PROGRESS_STORE}): the windows wait for what it holds.
 */
final class AwaitIntensityProcessor<V> implements Processor<String, V, String, V> {
  static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);
  private static final String SEPARATOR = "|";

  private final AsOfSpec<V> spec;
  private final String storeName;
  private final long waitMillis;
  private ProcessorContext<String, V> context;
  private KeyValueStore<String, V> held;
  private VersionedKeyValueStore<String, GridIntensity> grid;
  private TaskProgress values;
  private TaskProgress progress;
  private String party;
  private long earliestHeldMillis; // Long.MAX_VALUE: nothing held
  private long sequence; // only for records without metadata (punctuation never holds)

  AwaitIntensityProcessor(final AsOfSpec<V> spec, final Duration wait) {
    this.spec = spec;
    this.storeName = storeName(spec);
    this.waitMillis = wait.toMillis();
  }

  static String storeName(final AsOfSpec<?> spec) {
    return spec.prefix() + "-intensity-wait-store";
  }

  @Override
  public void init(final ProcessorContext<String, V> context) {
    this.context = context;
    this.held = context.getStateStore(storeName);
    this.grid = context.getStateStore(GridStage.STORE);
    this.values = TaskProgress.of(context, GridStage.VALUES_PROGRESS_STORE);
    this.progress = TaskProgress.of(context, GridStage.PROGRESS_STORE);
    this.party = spec.prefix() + "-await";
    // init runs again on the same instance when a task is revived: start from the stores only.
    setEarliestHeld(earliestHeld());
    context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, wall -> release());
  }

  @Override
  public void process(final Record<String, V> record) {
    final V value = record.value();
    if (waitMillis > 0
        && spec.awaitsIntensity().test(value)
        && !due(record.timestamp(), values.floor())
        && !priceKnown(record.key(), value)) {
      held.put(key(record), value);
      setEarliestHeld(Math.min(earliestHeldMillis, record.timestamp()));
    } else {
      context.forward(record);
    }
  }

  /** Whether the grid values have arrived up to one wait past {@code eventMillis}. */
  private boolean due(final long eventMillis, final long valuesMillis) {
    return valuesMillis != Long.MIN_VALUE && eventMillis <= valuesMillis - waitMillis;
  }

  private void setEarliestHeld(final long millis) {
    earliestHeldMillis = millis;
    progress.set(party, millis);
  }

  /** Whether the zone has a value valid from the span's end on: the span's values are all known. */
  private boolean priceKnown(final String zone, final V value) {
    final VersionedRecord<GridIntensity> latest = grid.get(zone);
    return latest != null && latest.timestamp() >= spec.spanOf().apply(value).toMillis();
  }

  private void release() {
    final long valuesMillis = values.floor();
    if (earliestHeldMillis == Long.MAX_VALUE || !due(earliestHeldMillis, valuesMillis)) {
      return;
    }
    final List<KeyValue<String, V>> due = new ArrayList<>();
    long next = Long.MAX_VALUE;
    try (KeyValueIterator<String, V> all = held.all()) {
      while (all.hasNext()) {
        final KeyValue<String, V> entry = all.next();
        final long time = timeOf(entry.key);
        if (!due(time, valuesMillis)) {
          next = time;
          break;
        }
        due.add(entry);
      }
    }
    for (final KeyValue<String, V> entry : due) {
      context.forward(new Record<>(zoneOf(entry.key), entry.value, timeOf(entry.key)));
      held.delete(entry.key);
    }
    setEarliestHeld(next);
  }

  private long earliestHeld() {
    try (KeyValueIterator<String, V> all = held.all()) {
      return all.hasNext() ? timeOf(all.next().key) : Long.MAX_VALUE;
    }
  }

  /** {@code time|partition|offset|zone}: in event-time order, unique per input record. */
  private String key(final Record<String, V> record) {
    final String origin =
        context
            .recordMetadata()
            .map(AwaitIntensityProcessor::originOf)
            .orElseGet(() -> "local" + SEPARATOR + sequence++);
    return String.join(
        SEPARATOR, String.format("%019d", Math.max(0, record.timestamp())), origin, record.key());
  }

  private static String originOf(final RecordMetadata metadata) {
    return metadata.partition() + SEPARATOR + String.format("%019d", metadata.offset());
  }

  private static long timeOf(final String key) {
    return Long.parseLong(key.substring(0, key.indexOf(SEPARATOR)));
  }

  private static String zoneOf(final String key) {
    return key.split("\\|", 4)[3];
  }

  /** The processor with its store of held values. */
  static final class Supplier<V> implements ProcessorSupplier<String, V, String, V> {
    private final AsOfSpec<V> spec;
    private final Duration wait;

    Supplier(final AsOfSpec<V> spec, final ImpactConfig config) {
      this.spec = spec;
      this.wait = config.zones().intensityWait();
    }

    @Override
    public Processor<String, V, String, V> get() {
      return new AwaitIntensityProcessor<>(spec, wait);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(storeName(spec)), Serdes.String(), spec.valueSerde()));
    }
  }
}
