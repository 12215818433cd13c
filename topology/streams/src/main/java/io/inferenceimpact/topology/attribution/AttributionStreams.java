package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The streams the measured-attribution stage hands to later stages.
 *
 * @param unmeasuredRequests requests that name no GPU (hosted APIs, nodes without telemetry), keyed
 *     by request id: for the estimation stage
 * @param measuredRequests final measured energy per request over all its GPUs, keyed by request id,
 *     including its unmeasured GPU time (for the estimation stage to complete MIXED requests)
 * @param requestImpacts what is written to {@code impact.requests.v1}, keyed by request id
 * @param idleEnergy final idle energy per (model, GPU, slot), keyed by model: for the windows
 */
public record AttributionStreams(
    KStream<String, InferenceRequest> unmeasuredRequests,
    KStream<String, MeasuredRequestEnergy> measuredRequests,
    KStream<String, RequestImpact> requestImpacts,
    KStream<String, IdleEnergy> idleEnergy) {}
