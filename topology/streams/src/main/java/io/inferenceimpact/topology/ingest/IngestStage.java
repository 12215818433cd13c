package io.inferenceimpact.topology.ingest;

import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.topology.support.Topic;
import io.inferenceimpact.topology.support.TopologyObserver;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Stage 1, ingest and validate: raw records are decoded and checked; impossible or undecodable ones
 * go to the DLQ unchanged with a reason header; valid ones continue keyed by their own id and
 * stamped with their payload's event time. Nothing is dropped silently.
 *
 * <p>Processor names, for prefix {@code p}: {@code p-source}, {@code p-validate}, {@code p-route-}
 * (with branches {@code p-route-valid}, {@code p-route-invalid}), {@code p-dlq-original}, {@code
 * p-dlq-observe}, {@code p-dlq-sink}, {@code p-rekey}.
 */
public final class IngestStage {
  private IngestStage() {}

  public static <T> KStream<String, T> build(
      final StreamsBuilder builder,
      final IngestSpec<T> spec,
      final Topic<byte[], byte[]> dlq,
      final TopologyObserver observer) {
    final String p = spec.prefix();
    final Map<String, KStream<byte[], Checked<T>>> routes =
        builder.stream(spec.source().name(), spec.source().consumed(p + "-source"))
            .processValues(() -> new ValidateProcessor<>(spec), Named.as(p + "-validate"))
            .split(Named.as(p + "-route-"))
            .branch((key, checked) -> checked.isValid(), Branched.as("valid"))
            .defaultBranch(Branched.as("invalid"));
    DeadLetters.sink(
        routes
            .get(p + "-route-invalid")
            .mapValues(Checked::original, Named.as(p + "-dlq-original")),
        dlq,
        observer,
        p + "-dlq");
    return routes
        .get(p + "-route-valid")
        .map(
            (key, checked) -> KeyValue.pair(spec.keyOf().apply(checked.value()), checked.value()),
            Named.as(p + "-rekey"));
  }
}
