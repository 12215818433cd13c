package io.inferenceimpact.topology.model;

import java.time.Duration;
import java.util.Optional;

/** The rules a GPU sample must obey before it is integrated into energy. */
public final class GpuSampleValidator implements Validator<GpuSampleEvent> {
  private final long maxFutureSkewMillis;

  public GpuSampleValidator(final Duration maxFutureSkew) {
    this.maxFutureSkewMillis = maxFutureSkew.toMillis();
  }

  @Override
  public Optional<DlqReason> check(final GpuSampleEvent s, final long nowMillis) {
    if (s.gpuUuid() == null || s.gpuUuid().isBlank()) {
      return Optional.of(DlqReason.MISSING_ID);
    }
    if (!Double.isFinite(s.powerWatts()) || s.powerWatts() < 0) {
      return Optional.of(DlqReason.INVALID_POWER);
    }
    if (s.energyMillijoules() != null && s.energyMillijoules() < 0) {
      return Optional.of(DlqReason.INVALID_ENERGY);
    }
    final Double util = s.utilisationPercent();
    if (util != null && (!Double.isFinite(util) || util < 0 || util > 100)) {
      return Optional.of(DlqReason.INVALID_UTILISATION);
    }
    if (s.timeMillis() > nowMillis + maxFutureSkewMillis) {
      return Optional.of(DlqReason.FUTURE_TIME);
    }
    return Optional.empty();
  }
}
