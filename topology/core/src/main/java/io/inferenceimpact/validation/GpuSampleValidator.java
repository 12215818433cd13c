package io.inferenceimpact.validation;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.config.IngestSettings;
import java.util.Optional;

/**
 * The rules a GPU sample must obey before it is integrated into energy: a GPU to key it by, a
 * finite power in {@code [0, ingest.maxPowerWatts]}, a non-negative energy counter, a utilisation
 * in percent, and a time within the configured limits.
 */
public final class GpuSampleValidator implements Validator<GpuSample> {
  private final long maxFutureSkewMillis;
  private final long minEventTimeMillis;
  private final double maxPowerWatts;

  public GpuSampleValidator(final IngestSettings limits) {
    this.maxFutureSkewMillis = limits.maxFutureSkew().toMillis();
    this.minEventTimeMillis = limits.minEventTime().toEpochMilli();
    this.maxPowerWatts = limits.maxPowerWatts();
  }

  @Override
  public Optional<DlqReason> check(final GpuSample s, final long nowMillis) {
    if (s.getGpuUuid() == null || s.getGpuUuid().isBlank()) {
      return Optional.of(DlqReason.MISSING_ID);
    }
    final double power = s.getPowerWatts();
    if (!Double.isFinite(power) || power < 0 || power > maxPowerWatts) {
      return Optional.of(DlqReason.INVALID_POWER);
    }
    if (s.getEnergyMillijoulesTotal() != null && s.getEnergyMillijoulesTotal() < 0) {
      return Optional.of(DlqReason.INVALID_ENERGY);
    }
    final Double util = s.getUtilizationPercent();
    if (util != null && (!Double.isFinite(util) || util < 0 || util > 100)) {
      return Optional.of(DlqReason.INVALID_UTILISATION);
    }
    final long time = s.getTime().toEpochMilli();
    if (time < minEventTimeMillis) {
      return Optional.of(DlqReason.TOO_OLD);
    }
    if (time > nowMillis + maxFutureSkewMillis) {
      return Optional.of(DlqReason.FUTURE_TIME);
    }
    return Optional.empty();
  }
}
