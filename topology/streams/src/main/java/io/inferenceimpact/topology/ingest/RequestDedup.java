package io.inferenceimpact.topology.ingest;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.progress.StampPartitioner;
import io.inferenceimpact.topology.progress.StampProcessor;
import io.inferenceimpact.topology.progress.Stamped;
import io.inferenceimpact.topology.progress.StampedSerde;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Counts a request once when a retrying producer sends it again: valid requests are stamped with
 * their input partition's progress ({@link StampProcessor}, source {@value #INPUT_SOURCE}),
 * repartitioned by request id ({@code requests-by-id}: copies with different keys, or none, may
 * have landed on different input partitions) and copies seen within {@code ingest.dedupWindow} are
 * dropped by {@link DedupProcessor} (store {@code requests-dedup-store}, changelogged; the writers'
 * watermarks in {@code requests-dedup-sources-store}). Copies are not dead letters: re-sending is
 * what a correct at-least-once producer does, so they are only counted. The result is stamped with
 * the dedup task's progress (source {@value #DEDUP_SOURCE}) and carries marks (null values).
 */
public final class RequestDedup {
  static final String STORE = "requests-dedup-store";
  static final String SOURCES_STORE = "requests-dedup-sources-store";
  static final String INPUT_SOURCE = "requests";
  static final String DEDUP_SOURCE = "requests-dedup";

  private RequestDedup() {}

  public static KStream<String, Stamped<InferenceRequest>> build(
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
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SOURCES_STORE), Serdes.String(), Serdes.Long()));
    return requests
        .process(
            () ->
                new StampProcessor<InferenceRequest>(
                    INPUT_SOURCE,
                    Topics.from(config.topics()).inferenceRequests().name(),
                    InferenceRequest::getRequestId,
                    r -> r.getEndTime().toEpochMilli(),
                    config.energy().grace()),
            Named.as("requests-stamp"))
        .repartition(
            Repartitioned.<String, Stamped<InferenceRequest>>as("requests-by-id")
                .withKeySerde(Serdes.String())
                .withValueSerde(new StampedSerde<>(serdes.avro(InferenceRequest.class)))
                .withStreamPartitioner(new StampPartitioner<>(r -> false))
                .withNumberOfPartitions(config.topics().partitions()))
        .process(
            () -> new DedupProcessor<InferenceRequest>(STORE, SOURCES_STORE, DEDUP_SOURCE, window),
            Named.as("requests-dedup"),
            STORE,
            SOURCES_STORE);
  }
}
