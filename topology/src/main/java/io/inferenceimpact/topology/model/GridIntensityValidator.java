package io.inferenceimpact.topology.model;

import io.inferenceimpact.avro.GridIntensity;
import java.util.Optional;

/**
 * The rules a grid intensity value must obey before it enters the as-of table: a zone to key it by
 * and a finite, non-negative intensity. Its time is not checked against the wall clock: a value
 * valid from the future is harmless in an as-of table (nothing earlier joins it).
 */
public final class GridIntensityValidator implements Validator<GridIntensity> {

  @Override
  public Optional<DlqReason> check(final GridIntensity g, final long nowMillis) {
    if (g.getZone() == null || g.getZone().isBlank()) {
      return Optional.of(DlqReason.EMPTY_ZONE);
    }
    if (!Double.isFinite(g.getIntensityGPerKwh()) || g.getIntensityGPerKwh() < 0) {
      return Optional.of(DlqReason.INVALID_INTENSITY);
    }
    return Optional.empty();
  }
}
