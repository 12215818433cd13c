package io.inferenceimpact.topology.progress;

import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A repartition that carries its writers' progress ({@link Marks}): node {@code <name>-mark}
 * ({@link MarkEmitter}, writer {@code writer}), repartition topic {@code <name>} ({@link
 * MarkPartitioner}), node {@code <name>-marks} ({@link MarkReader}, party {@code <name>} of the
 * reading subtopology's {@link TaskProgress}, store {@code <name>-sources-store}).
 *
 * @param name the repartition's name (its topic is {@code <application.id>-<name>-repartition})
 * @param writer the writing side
 * @param progressStore the reading subtopology's {@link TaskProgress} store
 */
public record Hop(String name, Writer writer, String progressStore) {

  /**
   * The writing side of hops.
   *
   * @param name the writing stage's name in writer ids
   * @param floor a new {@link MarkEmitter.Floor} per task: where the writing task stands
   * @param stores the stores {@code floor} reads (connected to the emitter)
   */
  public record Writer(String name, Supplier<MarkEmitter.Floor> floor, String... stores) {
    /** A writer whose floor is its subtopology's {@link TaskProgress}. */
    public static Writer ofTask(final String name, final String progressStore) {
      return new Writer(name, () -> MarkEmitter.Floor.ofTask(progressStore), progressStore);
    }

    /** The hop {@code hopName} from this writer to a subtopology with {@code progressStore}. */
    public Hop to(final String hopName, final String progressStore) {
      return new Hop(hopName, this, progressStore);
    }
  }

  /** The sources store of this hop's reader. */
  public String sourcesStore() {
    return name + "-sources-store";
  }

  /** {@code stream} through the hop, records unchanged, marks gone. */
  public <V> KStream<String, V> through(
      final KStream<String, V> stream, final Serde<V> valueSerde, final int partitions) {
    final String sources = sourcesStore();
    final String party = name;
    final String progress = progressStore;
    return stream
        .process(
            () -> new MarkEmitter<V>(writer.name(), writer.floor().get()),
            Named.as(name + "-mark"),
            writer.stores())
        .repartition(
            Repartitioned.<String, V>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(valueSerde)
                .withStreamPartitioner(new MarkPartitioner<>())
                .withNumberOfPartitions(partitions))
        .processValues(
            new FixedKeyProcessorSupplier<String, V, V>() {
              @Override
              public FixedKeyProcessor<String, V, V> get() {
                return new MarkReader<>(party, sources, progress);
              }

              @Override
              public Set<StoreBuilder<?>> stores() {
                return Set.of(
                    Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(sources), Serdes.String(), Serdes.Long()));
              }
            },
            Named.as(name + "-marks"),
            progressStore);
  }
}
