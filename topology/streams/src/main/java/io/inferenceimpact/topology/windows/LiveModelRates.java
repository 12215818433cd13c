package io.inferenceimpact.topology.windows;

import io.inferenceimpact.avro.ModelImpactWindow;

/**
 * In-process hook for live values (the metrics layer): told the running aggregate of an open window
 * each time it changes, on the stream thread of the window's task. Must be fast and must not throw.
 * Not a final result: final results go to {@code impact.model-rates.v1}.
 */
@FunctionalInterface
public interface LiveModelRates {

  /** Does nothing: the default. */
  LiveModelRates NONE = running -> {};

  void update(ModelImpactWindow running);
}
