package io.inferenceimpact.simulate;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;

/**
 * Where the simulation's records go, in the contract's types: a Kafka publisher, or a list in a
 * test. Called from one thread, in simulated-time order per kind.
 */
public interface SimulationSink {
  void request(InferenceRequest request);

  void gpuSample(GpuSample sample);

  void grid(GridIntensity intensity);

  /** Called after each simulated second; a publisher may flush here. */
  default void tick(long simulatedMillis) {}
}
