package io.inferenceimpact.connectors;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants at the millisecond precision of the Avro contract, so that equal values compare equal.
 */
final class Times {
  private Times() {}

  static Instant millis(final Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  static Instant millisOrNull(final Instant instant) {
    return instant == null ? null : millis(instant);
  }
}
