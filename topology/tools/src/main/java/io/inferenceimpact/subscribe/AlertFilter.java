package io.inferenceimpact.subscribe;

import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.ImpactAlert;
import java.util.Set;

/**
 * Which alerts a subscriber wants to see: a minimum severity (WARNING shows WARNING and CRITICAL)
 * and, optionally, a set of models (an alert about no model passes only when no model is asked
 * for).
 *
 * @param minimumSeverity the lowest severity shown; INFO shows everything
 * @param models the models shown, exact names; empty shows every model
 */
public record AlertFilter(AlertSeverity minimumSeverity, Set<String> models) {

  /** Every alert. */
  public static final AlertFilter ALL = new AlertFilter(AlertSeverity.INFO, Set.of());

  public AlertFilter {
    models = Set.copyOf(models);
  }

  public boolean accepts(final ImpactAlert alert) {
    return alert.getSeverity().ordinal() >= minimumSeverity.ordinal()
        && (models.isEmpty() || (alert.getModel() != null && models.contains(alert.getModel())));
  }
}
