package io.inferenceimpact.bench.energy;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The baseline for {@link GpuIntegratorState}: the least work that turns a 1 Hz trace into 5 s slot
 * energies, with none of the integrator's checks (validity, order, duplicates, gaps, counter
 * resets, plausibility, slot splitting of intervals): a running sum of the trapezoid (or of the
 * counter delta) that is handed out and reset every fifth sample.
 */
@State(Scope.Thread)
public class BaselineIntegratorState {
  private static final int SAMPLES_PER_SLOT = 5;

  SampleStream stream;
  private double previousPowerWatts;
  private long previousCounterMillijoules;
  private double slotJoules;
  private int samplesInSlot;

  @Setup(Level.Trial)
  public void setUp() {
    stream = new SampleStream(GpuIntegratorState.START_MILLIS);
    previousPowerWatts = stream.powerWatts();
    previousCounterMillijoules = stream.counterMillijoules();
  }

  /** Adds the next trapezoid; returns the completed slot's joules, or -1 within a slot. */
  double nextTrapezoid() {
    stream.next();
    final double power = stream.powerWatts();
    slotJoules += (previousPowerWatts + power) / 2.0 * SampleStream.INTERVAL_MILLIS / 1000.0;
    previousPowerWatts = power;
    return closeEveryFifth();
  }

  /** Adds the next counter delta; returns the completed slot's joules, or -1 within a slot. */
  double nextCounterDelta() {
    stream.next();
    final long counter = stream.counterMillijoules();
    slotJoules += (counter - previousCounterMillijoules) / 1000.0;
    previousCounterMillijoules = counter;
    return closeEveryFifth();
  }

  private double closeEveryFifth() {
    if (++samplesInSlot < SAMPLES_PER_SLOT) {
      return -1;
    }
    final double completed = slotJoules;
    slotJoules = 0;
    samplesInSlot = 0;
    return completed;
  }
}
