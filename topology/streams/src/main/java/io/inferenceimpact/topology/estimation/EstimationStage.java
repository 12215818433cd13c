package io.inferenceimpact.topology.estimation;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.util.Map;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Estimates the requests that name no GPU ({@code unmeasuredRequests} of the attribution stage)
 * with the EcoLogits method ({@link RequestEstimator}): one ESTIMATED {@link RequestImpact} per
 * request, as soon as it arrives (nothing to wait for). Requests no method can estimate go to the
 * DLQ with reason {@code unestimable}, counted, never dropped. Nodes: {@code estimation-route-}
 * (branches {@code estimable}, {@code unestimable}), {@code request-estimate}, {@code
 * estimation-unestimable-dlq} and its sink.
 */
public final class EstimationStage {
  private EstimationStage() {}

  public static KStream<String, RequestImpact> build(
      final ImpactConfig config,
      final TopologySerdes serdes,
      final RequestEstimator estimator,
      final KStream<String, InferenceRequest> unmeasured,
      final TopologyObserver observer) {
    final Topics topics = Topics.from(config.topics());
    final Map<String, KStream<String, InferenceRequest>> routes =
        unmeasured
            .split(Named.as("estimation-route-"))
            .branch((id, r) -> estimator.canEstimate(r), Branched.as("estimable"))
            .defaultBranch(Branched.as("unestimable"));
    DeadLetters.sink(
        routes
            .get("estimation-route-unestimable")
            .process(
                () ->
                    new UnestimableProcessor(
                        serdes.avro(InferenceRequest.class).serializer(),
                        topics.inferenceRequests().name()),
                Named.as("estimation-unestimable-dlq")),
        topics.dlq(),
        observer,
        "estimation-unestimable-dlq");
    return routes
        .get("estimation-route-estimable")
        .processValues(() -> new EstimateProcessor(estimator), Named.as("request-estimate"));
  }
}
