package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.topology.support.StageCounter;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Computes each request's {@link RequestImpact} ({@link RequestImpacts}); counts requests whose
 * node fleet config does not list ({@code unknown-node-requests-total}: they got {@code
 * fleet.defaults}).
 */
final class ImpactProcessor
    implements FixedKeyProcessor<String, MeasuredRequestEnergy, RequestImpact> {
  private final RequestImpacts impacts;
  private FixedKeyProcessorContext<String, RequestImpact> context;
  private StageCounter unknownNodes;

  ImpactProcessor(final RequestImpacts impacts) {
    this.impacts = impacts;
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, RequestImpact> context) {
    this.context = context;
    this.unknownNodes =
        StageCounter.register(
            context,
            StageCounter.ATTRIBUTION,
            "unknown-node-requests",
            "requests on nodes fleet config does not list");
  }

  @Override
  public void process(final FixedKeyRecord<String, MeasuredRequestEnergy> record) {
    final RequestImpact impact = impacts.of(record.value());
    if (!impacts.knowsNode(impact.getNode())) {
      unknownNodes.increment();
    }
    context.forward(record.withValue(impact));
  }

  @Override
  public void close() {
    unknownNodes.close();
  }
}
