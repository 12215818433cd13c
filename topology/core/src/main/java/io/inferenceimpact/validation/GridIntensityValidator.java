package io.inferenceimpact.validation;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.config.IngestSettings;
import java.util.Optional;

/**
 * The rules a grid intensity value must obey before it enters the as-of table: a zone to key it by,
 * a finite, non-negative intensity, and a time within {@code [ingest.minEventTime, now +
 * ingest.maxFutureSkew]}. A far-future value must not reach the versioned table: it would move the
 * table's clock, so that every later value of the partition is dropped as too old and lookups find
 * nothing (and the changelog would keep that state across restarts).
 */
public final class GridIntensityValidator implements Validator<GridIntensity> {
  private final long minEventTimeMillis;
  private final long maxFutureSkewMillis;

  public GridIntensityValidator(final IngestSettings limits) {
    this.minEventTimeMillis = limits.minEventTime().toEpochMilli();
    this.maxFutureSkewMillis = limits.maxFutureSkew().toMillis();
  }

  @Override
  public Optional<DlqReason> check(final GridIntensity g, final long nowMillis) {
    if (g.getZone() == null || g.getZone().isBlank()) {
      return Optional.of(DlqReason.EMPTY_ZONE);
    }
    if (!Double.isFinite(g.getIntensityGPerKwh()) || g.getIntensityGPerKwh() < 0) {
      return Optional.of(DlqReason.INVALID_INTENSITY);
    }
    if (g.getValidFrom().toEpochMilli() < minEventTimeMillis) {
      return Optional.of(DlqReason.TOO_OLD);
    }
    if (g.getValidFrom().toEpochMilli() > nowMillis + maxFutureSkewMillis) {
      return Optional.of(DlqReason.FUTURE_TIME);
    }
    return Optional.empty();
  }
}
