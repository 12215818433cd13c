package io.inferenceimpact.topology;

import io.inferenceimpact.topology.model.GpuSampleEvent;
import io.inferenceimpact.topology.model.RequestEvent;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The decoders the topology uses, injected so that production wires the Confluent-Avro serdes
 * (mapping the generated classes onto the model records) and tests or {@code replay} pass their
 * own. A decoder throws on bytes it cannot decode; the ingest stage turns that into a DLQ record.
 */
public record TopologySerdes(
    Deserializer<RequestEvent> requests, Deserializer<GpuSampleEvent> gpuSamples) {

  /** JSON decoders (field names as in the model records), for tests and JSON-lines replay. */
  public static TopologySerdes json() {
    return new TopologySerdes(
        new JsonEventDeserializer<>(RequestEvent.class),
        new JsonEventDeserializer<>(GpuSampleEvent.class));
  }
}
