package io.inferenceimpact.topology.support;

import io.inferenceimpact.config.TopicSettings;
import io.inferenceimpact.topology.support.Topic.CleanupPolicy;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one place that knows every topic of the application. Inputs and the DLQ are read and written
 * as raw bytes: the ingest stage decodes them itself so that an undecodable record reaches the DLQ
 * unchanged. The value serdes of the output topics are bytes until the Avro serdes are wired in.
 */
public record Topics(
    Topic<byte[], byte[]> inferenceRequests,
    Topic<byte[], byte[]> gpuMetrics,
    Topic<byte[], byte[]> gridIntensity,
    Topic<byte[], byte[]> fleetNodes,
    Topic<String, byte[]> impactRequests,
    Topic<String, byte[]> modelRates,
    Topic<String, byte[]> alerts,
    Topic<byte[], byte[]> dlq) {

  public static Topics from(final TopicSettings t) {
    final Serde<byte[]> bytes = Serdes.ByteArray();
    final Serde<String> text = Serdes.String();
    final int p = t.partitions();
    final int r = t.replicationFactor();
    return new Topics(
        new Topic<>(t.inferenceRequests(), bytes, bytes, p, r, CleanupPolicy.DELETE),
        new Topic<>(t.gpuMetrics(), bytes, bytes, p, r, CleanupPolicy.DELETE),
        new Topic<>(t.gridIntensity(), bytes, bytes, p, r, CleanupPolicy.COMPACT),
        new Topic<>(t.fleetNodes(), bytes, bytes, p, r, CleanupPolicy.COMPACT),
        new Topic<>(t.impactRequests(), text, bytes, p, r, CleanupPolicy.DELETE),
        new Topic<>(t.modelRates(), text, bytes, p, r, CleanupPolicy.DELETE),
        new Topic<>(t.alerts(), text, bytes, p, r, CleanupPolicy.COMPACT),
        new Topic<>(t.dlq(), bytes, bytes, p, r, CleanupPolicy.DELETE));
  }

  /** All topics, in contract order (for {@code impact topics create}). */
  public List<Topic<?, ?>> all() {
    return List.of(
        inferenceRequests,
        gpuMetrics,
        gridIntensity,
        fleetNodes,
        impactRequests,
        modelRates,
        alerts,
        dlq);
  }
}
