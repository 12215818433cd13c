package io.inferenceimpact.topology.estimation;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.estimation.Estimate;
import io.inferenceimpact.estimation.EstimateFlag;
import io.inferenceimpact.topology.support.StageCounter;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates each request the stage routed here (all estimable) and forwards its ESTIMATED {@link
 * RequestImpact}. Counts {@code estimated-requests-total}, {@code unknown-model-requests-total}
 * (estimated with the catalog's default entry) and {@code no-output-token-requests-total} (LLM
 * method with 0 output tokens: zero GPU energy); logs an unknown model at most once per model per
 * 10 minutes of wall clock.
 */
final class EstimateProcessor
    implements FixedKeyProcessor<String, InferenceRequest, RequestImpact> {
  private static final Logger LOG = LoggerFactory.getLogger(EstimateProcessor.class);

  private final RequestEstimator estimator;
  private FixedKeyProcessorContext<String, RequestImpact> context;
  private StageCounter estimated;
  private StageCounter unknownModels;
  private StageCounter noOutputTokens;

  EstimateProcessor(final RequestEstimator estimator) {
    this.estimator = estimator;
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, RequestImpact> context) {
    this.context = context;
    estimated =
        StageCounter.register(
            context, StageCounter.ESTIMATION, "estimated-requests", "requests estimated");
    unknownModels =
        StageCounter.register(
            context,
            StageCounter.ESTIMATION,
            "unknown-model-requests",
            "requests estimated with the default catalog entry");
    noOutputTokens =
        StageCounter.register(
            context,
            StageCounter.ESTIMATION,
            "no-output-token-requests",
            "LLM estimates without output tokens (zero)");
  }

  @Override
  public void process(final FixedKeyRecord<String, InferenceRequest> record) {
    final InferenceRequest r = record.value();
    final String zone = estimator.zoneOf(r);
    final Estimate e =
        estimator
            .estimate(r, estimator.mixOf(zone))
            .orElseThrow(() -> new IllegalStateException("routed unestimable " + r.getRequestId()));
    estimated.increment();
    if (!e.knownModel()) {
      unknownModels.increment();
      if (estimator.shouldLogUnknown(r.getModel(), context.currentSystemTimeMs())) {
        LOG.warn(
            "Model '{}' is in no catalog: estimated with the default entry '{}' (logged at most"
                + " once per model per 10 minutes; see unknown-model-requests-total)",
            r.getModel(),
            e.entry().name());
      }
    }
    if (e.flags().contains(EstimateFlag.NO_OUTPUT_TOKENS)) {
      noOutputTokens.increment();
    }
    context.forward(record.withValue(EstimatedImpacts.of(r, zone, e)));
  }

  @Override
  public void close() {
    estimated.close();
    unknownModels.close();
    noOutputTokens.close();
  }
}
