package io.inferenceimpact.topology.progress;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * What one task may still forward, in event time: an in-memory store (no changelog) shared by the
 * processors of one subtopology, one entry per party — a {@link MarkReader}'s watermark over its
 * writers, a holding processor's oldest held event time ({@link Long#MAX_VALUE} when it holds
 * nothing) — and their minimum, the task's floor: nothing the task forwards from now on is older
 * (records late by the stages' own grace aside). Every party registers in {@code init} with {@link
 * Long#MIN_VALUE} ("unknown"), so that the floor stays unknown until every party knows where it is;
 * after a restart the parties register again and the floor is rebuilt from their stores.
 */
public final class TaskProgress {
  private final KeyValueStore<String, Long> store;

  private TaskProgress(final KeyValueStore<String, Long> store) {
    this.store = store;
  }

  /** The store a subtopology's parties share (in memory: rebuilt by each party's {@code init}). */
  public static StoreBuilder<KeyValueStore<String, Long>> storeBuilder(final String name) {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long())
        .withLoggingDisabled();
  }

  public static TaskProgress of(final ProcessingContext context, final String storeName) {
    return new TaskProgress(context.getStateStore(storeName));
  }

  /** Registers a party as not yet knowing where it is. */
  public void register(final String party) {
    store.put(party, Long.MIN_VALUE);
  }

  public void set(final String party, final long floorMillis) {
    store.put(party, floorMillis);
  }

  /** The minimum over the parties, {@link Long#MIN_VALUE} while one is unknown or none exists. */
  public long floor() {
    long min = Long.MAX_VALUE;
    boolean any = false;
    try (KeyValueIterator<String, Long> all = store.all()) {
      while (all.hasNext()) {
        any = true;
        min = Math.min(min, all.next().value);
      }
    }
    return any ? min : Long.MIN_VALUE;
  }
}
