package io.inferenceimpact.topology.model;

import java.util.List;

/**
 * One finished inference request, as the topology's stages see it. A plain record so that the
 * validation rules and later stages do not depend on the wire format; the Avro {@code
 * InferenceRequest} maps onto it field by field.
 *
 * @param gpuUuids GPUs that served the request (several for tensor parallelism); may be empty
 * @param zone grid zone named by the producer, or null
 * @param tenant tenant, or null
 * @param timeToFirstTokenMillis time to first token, or null when unknown
 */
public record RequestEvent(
    String requestId,
    String model,
    String deployment,
    String node,
    List<String> gpuUuids,
    String zone,
    String tenant,
    long startTimeMillis,
    long endTimeMillis,
    long inputTokens,
    long outputTokens,
    long cachedTokens,
    Long timeToFirstTokenMillis,
    String status) {

  public RequestEvent {
    gpuUuids = gpuUuids == null ? List.of() : List.copyOf(gpuUuids);
  }
}
