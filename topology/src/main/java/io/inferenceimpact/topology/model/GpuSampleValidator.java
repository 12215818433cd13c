package io.inferenceimpact.topology.model;

import io.inferenceimpact.avro.GpuSample;
import java.time.Duration;
import java.util.Optional;

/** The rules a GPU sample must obey before it is integrated into energy. */
public final class GpuSampleValidator implements Validator<GpuSample> {
  private final long maxFutureSkewMillis;

  public GpuSampleValidator(final Duration maxFutureSkew) {
    this.maxFutureSkewMillis = maxFutureSkew.toMillis();
  }

  @Override
  public Optional<DlqReason> check(final GpuSample s, final long nowMillis) {
    if (s.getGpuUuid() == null || s.getGpuUuid().isBlank()) {
      return Optional.of(DlqReason.MISSING_ID);
    }
    if (!Double.isFinite(s.getPowerWatts()) || s.getPowerWatts() < 0) {
      return Optional.of(DlqReason.INVALID_POWER);
    }
    if (s.getEnergyMillijoulesTotal() != null && s.getEnergyMillijoulesTotal() < 0) {
      return Optional.of(DlqReason.INVALID_ENERGY);
    }
    final Double util = s.getUtilizationPercent();
    if (util != null && (!Double.isFinite(util) || util < 0 || util > 100)) {
      return Optional.of(DlqReason.INVALID_UTILISATION);
    }
    if (s.getTime().toEpochMilli() > nowMillis + maxFutureSkewMillis) {
      return Optional.of(DlqReason.FUTURE_TIME);
    }
    return Optional.empty();
  }
}
