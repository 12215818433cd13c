package io.inferenceimpact.accounting;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;

/**
 * The part of every per-request result that comes from the request itself (identity, model,
 * placement, times, tokens), whichever way its energy was obtained; callers add the impact fields.
 */
public final class RequestImpactBuilders {
  private RequestImpactBuilders() {}

  /** A builder with the request's own fields and the zone whose electricity it used. */
  public static RequestImpact.Builder of(final InferenceRequest r, final String zone) {
    return RequestImpact.newBuilder()
        .setRequestId(r.getRequestId())
        .setModel(r.getModel())
        .setDeployment(r.getDeployment())
        .setNode(r.getNode())
        .setGpuUuids(r.getGpuUuids())
        .setZone(zone)
        .setTenant(r.getTenant())
        .setTask(r.getTask())
        .setStartTime(r.getStartTime())
        .setEndTime(r.getEndTime())
        .setInputTokens(r.getInputTokens())
        .setOutputTokens(r.getOutputTokens());
  }
}
