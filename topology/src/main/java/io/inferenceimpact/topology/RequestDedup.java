package io.inferenceimpact.topology;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ImpactConfig;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Counts a request once when a retrying producer sends it again: valid requests are repartitioned
 * by request id ({@code requests-by-id}: copies with different keys, or none, may have landed on
 * different input partitions) and copies seen within {@code ingest.dedupWindow} are dropped by
 * {@link DedupProcessor} (store {@code requests-dedup-store}, changelogged). Copies are not dead
 * letters: re-sending is what a correct at-least-once producer does, so they are only counted.
 */
final class RequestDedup {
  static final String STORE = "requests-dedup-store";

  private RequestDedup() {}

  static KStream<String, InferenceRequest> build(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final KStream<String, InferenceRequest> requests) {
    final Duration window = config.ingest().dedupWindow();
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(STORE, window, window, false),
            Serdes.String(),
            Serdes.Long()));
    return requests
        .repartition(
            Repartitioned.<String, InferenceRequest>as("requests-by-id")
                .withKeySerde(Serdes.String())
                .withValueSerde(serdes.avro(InferenceRequest.class))
                .withNumberOfPartitions(config.topics().partitions()))
        .processValues(
            () -> new DedupProcessor<>(STORE, window), Named.as("requests-dedup"), STORE);
  }
}
