package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.avro.RequestImpact;

/**
 * Completes the impact of a request part of whose GPU time no measured slot covered ({@link
 * MeasuredRequestEnergy#unmeasuredGpuMillis()} {@code > 0}, method MIXED): the estimation stage
 * adds its estimate for that share, so that no energy is silently missing. {@link #NONE} leaves the
 * measured part alone.
 */
@FunctionalInterface
public interface UnmeasuredCompletion {
  /** Adds nothing: the record carries the measured part only. */
  UnmeasuredCompletion NONE = (energy, measured) -> measured;

  /**
   * @param energy the request's measured energy, with its unmeasured GPU time
   * @param measured the impact of the measured part, method MIXED
   * @return the impact of the whole request
   */
  RequestImpact complete(MeasuredRequestEnergy energy, RequestImpact measured);
}
