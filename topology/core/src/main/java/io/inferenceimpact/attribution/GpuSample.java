package io.inferenceimpact.attribution;

/**
 * One power reading of one GPU, as the telemetry stage hands it to {@link GpuSlotIntegrator}.
 *
 * <p>{@code energyMillijoules} is the optional cumulative counter since driver load (DCGM field
 * {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}, NVML {@code nvmlDeviceGetTotalEnergyConsumption},
 * both in mJ); {@code null} when the source only reports power. The counter restarts from zero when
 * the driver reloads, which the integrator detects as a drop.
 *
 * @param timeMillis sample time, epoch millis (event time from the payload)
 * @param powerWatts instantaneous power draw in watts
 * @param energyMillijoules cumulative energy counter in millijoules, or {@code null} when absent
 */
public record GpuSample(long timeMillis, double powerWatts, Long energyMillijoules) {

  /** A sample from a source that reports power only. */
  public static GpuSample ofPower(final long timeMillis, final double powerWatts) {
    return new GpuSample(timeMillis, powerWatts, null);
  }

  /** A sample that also carries the cumulative energy counter. */
  public static GpuSample withCounter(
      final long timeMillis, final double powerWatts, final long energyMillijoules) {
    return new GpuSample(timeMillis, powerWatts, energyMillijoules);
  }

  /** Whether the cumulative energy counter is present. */
  public boolean hasCounter() {
    return energyMillijoules != null;
  }

  /** Whether the values can be integrated at all: finite, non-negative power and counter. */
  public boolean isValid() {
    return Double.isFinite(powerWatts)
        && powerWatts >= 0
        && (energyMillijoules == null || energyMillijoules >= 0);
  }
}
