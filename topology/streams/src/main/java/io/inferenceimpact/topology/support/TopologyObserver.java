package io.inferenceimpact.topology.support;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;

/**
 * In-process view of what the topology produces, for the metrics layer: each method is told about
 * one result as the stream thread handles it. Implementations must be fast, thread-safe (several
 * stream threads call them) and must never throw. The topology's outputs are the Kafka topics; this
 * is an approximate, per-instance side channel (under exactly-once, a task that is retried after a
 * failure tells its records again).
 */
public interface TopologyObserver {

  /** Observes nothing: the default, and what replay and tests use. */
  TopologyObserver NONE = new TopologyObserver() {};

  /** A per-request result on its way to {@code impact.requests.v1}, enriched with intensity. */
  default void requestImpact(final RequestImpact impact) {}

  /**
   * Final idle energy of one GPU slot, charged to the model the GPU served last.
   *
   * @param facilityJoules idle GPU and server energy × PUE
   * @param operationalGrams its operational emissions
   * @param embodiedGrams the embodied emissions of the GPU time it spent idle (one GPU of the
   *     server for that time, as in the model windows)
   * @param waterLitres its water, on-site and off-site
   */
  default void idleEnergy(
      final String model,
      final String zone,
      final double facilityJoules,
      final double operationalGrams,
      final double embodiedGrams,
      final double waterLitres) {}

  /** The running aggregate of an open model window, each time it changes (not a final result). */
  default void liveWindow(final ModelImpactWindow running) {}

  /** A final model window, as it goes to {@code impact.model-rates.v1}. */
  default void finalWindow(final ModelImpactWindow window) {}

  /** A valid grid-intensity value of a zone, as it enters the versioned table. */
  default void gridIntensity(final GridIntensity intensity) {}

  /**
   * A record sent to the dead-letter topic.
   *
   * @param reason the reason code (the {@code impact.dlq.reason} header)
   * @param sourceTopic the topic the record came from
   */
  default void deadLetter(final String reason, final String sourceTopic) {}

  /** An alert state change (FIRING or RESOLVED) on its way to {@code impact.alerts.v1}. */
  default void alert(final ImpactAlert alert) {}
}
