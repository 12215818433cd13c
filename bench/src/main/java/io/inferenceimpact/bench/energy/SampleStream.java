package io.inferenceimpact.bench.energy;

/**
 * An endless, deterministic power trace of one GPU at 1 sample/s: power cycles through a fixed
 * table of readings between 80 W and 700 W (idle to a 700 W-class accelerator under load), the
 * cumulative counter grows by the trapezoid of consecutive readings. Shared by the integrator
 * benchmark and its baseline so that both do the same arithmetic on the same numbers.
 */
final class SampleStream {
  static final long INTERVAL_MILLIS = 1_000;
  private static final int TABLE_SIZE = 1_024;

  private final double[] powerWatts = new double[TABLE_SIZE];
  private long index;
  private long timeMillis;
  private long counterMillijoules;
  private double lastPowerWatts;

  SampleStream(final long startMillis) {
    long seed = 42;
    for (int i = 0; i < TABLE_SIZE; i++) {
      // A small LCG: deterministic and free of java.util.Random's synchronisation.
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      powerWatts[i] = 80.0 + (seed >>> 11) * 0x1.0p-53 * 620.0;
    }
    timeMillis = startMillis;
    lastPowerWatts = powerWatts[0];
  }

  /** Moves to the next sample; read it with the getters. */
  void next() {
    index++;
    timeMillis += INTERVAL_MILLIS;
    final double power = powerWatts[(int) (index & (TABLE_SIZE - 1))];
    counterMillijoules += (long) ((lastPowerWatts + power) / 2.0 * INTERVAL_MILLIS);
    lastPowerWatts = power;
  }

  long timeMillis() {
    return timeMillis;
  }

  double powerWatts() {
    return lastPowerWatts;
  }

  long counterMillijoules() {
    return counterMillijoules;
  }
}
