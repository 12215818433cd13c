package io.inferenceimpact.topology.model;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.config.IngestSettings;
import java.util.Optional;

/**
 * The rules a grid intensity value must obey before it enters the as-of table: a zone to key it by,
 * a finite, non-negative intensity, and a time not before {@code ingest.minEventTime}. Its time is
 * not checked against the wall clock: a value valid from the future is harmless in an as-of table
 * (nothing earlier joins it).
 */
public final class GridIntensityValidator implements Validator<GridIntensity> {
  private final long minEventTimeMillis;

  public GridIntensityValidator(final IngestSettings limits) {
    this.minEventTimeMillis = limits.minEventTime().toEpochMilli();
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
    return Optional.empty();
  }
}
