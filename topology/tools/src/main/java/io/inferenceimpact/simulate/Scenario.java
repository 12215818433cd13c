package io.inferenceimpact.simulate;

import java.time.Duration;

/**
 * What happens to the fleet over simulated time, as offsets from the simulation's start. {@link
 * #normal()} is steady traffic; {@link #alerts()} makes every alert type's condition happen at
 * least once within the first few minutes:
 *
 * <ul>
 *   <li>surge: the request rate goes ×{@code surgeFactor}, the extra traffic all for the largest
 *       model — rates cross thresholds and the carbon budget burns fast on both short and long
 *       windows;
 *   <li>regression: a "deploy" of the MoE model (version v2) from {@code regressionAt} on makes its
 *       energy per token ×{@code regressionFactor};
 *   <li>dirty grid: one zone that shares a model with another zone reads at least {@code
 *       dirtyGridGramsPerKwh} (or ×2 its real value) for {@code dirtyGridFor};
 *   <li>silent telemetry: the first node's GPU samples stop for {@code silentFor} while its
 *       requests continue.
 * </ul>
 *
 * A null start switches that event off. {@code counterResetAt} reloads the driver of the first GPU
 * (its energy counter restarts at 0), independent of the alerts.
 */
public record Scenario(
    String name,
    Duration surgeAt,
    Duration surgeFor,
    double surgeFactor,
    Duration regressionAt,
    double regressionFactor,
    Duration dirtyGridAt,
    Duration dirtyGridFor,
    double dirtyGridGramsPerKwh,
    Duration silentAt,
    Duration silentFor,
    Duration counterResetAt) {

  public static Scenario normal() {
    return new Scenario(
        "normal",
        null,
        Duration.ZERO,
        1.0,
        null,
        1.0,
        null,
        Duration.ZERO,
        0.0,
        null,
        Duration.ZERO,
        null);
  }

  public static Scenario alerts() {
    return new Scenario(
        "alerts",
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        4.0,
        Duration.ofSeconds(60),
        1.5,
        Duration.ofSeconds(45),
        Duration.ofMinutes(10),
        700.0,
        Duration.ofSeconds(40),
        Duration.ofMinutes(5),
        null);
  }

  /** {@code normal} or {@code alerts}. */
  public static Scenario named(final String name) {
    return switch (name) {
      case "normal" -> normal();
      case "alerts" -> alerts();
      default ->
          throw new IllegalArgumentException("unknown scenario '" + name + "': normal or alerts");
    };
  }

  /** The same scenario with the first GPU's counter reset at {@code at} (null: never). */
  public Scenario withCounterResetAt(final Duration at) {
    return new Scenario(
        name,
        surgeAt,
        surgeFor,
        surgeFactor,
        regressionAt,
        regressionFactor,
        dirtyGridAt,
        dirtyGridFor,
        dirtyGridGramsPerKwh,
        silentAt,
        silentFor,
        at);
  }

  public boolean surging(final long offsetMillis) {
    return within(offsetMillis, surgeAt, surgeFor);
  }

  public boolean regressed(final long offsetMillis) {
    return regressionAt != null && offsetMillis >= regressionAt.toMillis();
  }

  public boolean dirty(final long offsetMillis) {
    return within(offsetMillis, dirtyGridAt, dirtyGridFor);
  }

  public boolean silent(final long offsetMillis) {
    return within(offsetMillis, silentAt, silentFor);
  }

  private static boolean within(final long offsetMillis, final Duration at, final Duration length) {
    return at != null
        && offsetMillis >= at.toMillis()
        && offsetMillis < at.toMillis() + length.toMillis();
  }
}
