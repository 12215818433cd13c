package io.inferenceimpact.simulate;

import java.time.Duration;
import java.time.Instant;

/**
 * What to simulate and how fast, without anything about Kafka.
 *
 * @param ratePerSecond mean request arrival rate (before any scenario surge)
 * @param nodes inference servers in the fleet
 * @param gpusPerNode GPUs per server
 * @param duration simulated time after which the simulation stops by itself; {@link Duration#ZERO}
 *     runs until it is closed (allowed only at real-time speed)
 * @param scenario what happens over time (see {@link Scenario})
 * @param seed fixes the fleet's GPU UUIDs, the trace start, routing and request ids
 * @param speed simulated seconds per wall-clock second (1 = real time); 0 = as fast as possible
 * @param start simulated time of the start (epoch millis are truncated to the second)
 * @param publishGrid whether the simulator publishes grid intensity itself
 */
public record SimulatorSettings(
    double ratePerSecond,
    int nodes,
    int gpusPerNode,
    Duration duration,
    Scenario scenario,
    long seed,
    double speed,
    Instant start,
    boolean publishGrid) {

  public SimulatorSettings {
    if (!(ratePerSecond > 0) || nodes < 1 || gpusPerNode < 1) {
      throw new IllegalArgumentException("rate, nodes and GPUs per node must be > 0");
    }
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("duration must be >= 0 (0: until closed)");
    }
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be >= 0 (0: as fast as possible)");
    }
    if (speed != 1.0 && duration.isZero()) {
      throw new IllegalArgumentException(
          "a duration is required unless the speed is real time (1)");
    }
    start = Instant.ofEpochSecond(start.getEpochSecond());
  }

  /**
   * Defaults for a run starting now: at real time the simulation starts now; faster, it starts
   * {@code duration} ago so that it ends by now and no timestamp lies in the future.
   */
  public static SimulatorSettings of(
      final double ratePerSecond,
      final int nodes,
      final int gpusPerNode,
      final Duration duration,
      final Scenario scenario,
      final long seed,
      final double speed,
      final Instant now) {
    final Instant start = speed == 1.0 ? now : now.minus(duration);
    return new SimulatorSettings(
        ratePerSecond, nodes, gpusPerNode, duration, scenario, seed, speed, start, true);
  }

  public SimulatorSettings withPublishGrid(final boolean publish) {
    return new SimulatorSettings(
        ratePerSecond, nodes, gpusPerNode, duration, scenario, seed, speed, start, publish);
  }
}
