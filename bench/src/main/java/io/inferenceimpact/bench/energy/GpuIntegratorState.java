package io.inferenceimpact.bench.energy;

import io.inferenceimpact.attribution.GpuSample;
import io.inferenceimpact.attribution.GpuSlotIntegrator;
import io.inferenceimpact.attribution.IntegratorConfig;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One GPU's integrator (default settings: 5 s slots, 30 s gap limit) and its endless 1 Hz trace.
 * Every call integrates the next sample, so every fifth call completes a slot, as in production.
 */
@State(Scope.Thread)
public class GpuIntegratorState {
  /** 2026-01-01T00:00:00Z, slot-aligned. */
  static final long START_MILLIS = 1_767_225_600_000L;

  GpuSlotIntegrator integrator;
  SampleStream stream;

  @Setup(Level.Trial)
  public void setUp() {
    integrator = new GpuSlotIntegrator("GPU-bench-0", IntegratorConfig.DEFAULTS);
    stream = new SampleStream(START_MILLIS);
  }

  GpuSample nextWithCounter() {
    stream.next();
    return GpuSample.withCounter(
        stream.timeMillis(), stream.powerWatts(), stream.counterMillijoules());
  }

  GpuSample nextPowerOnly() {
    stream.next();
    return GpuSample.ofPower(stream.timeMillis(), stream.powerWatts());
  }
}
