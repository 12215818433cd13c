package io.inferenceimpact.metrics;

import io.micrometer.core.instrument.Counter;

/** Null- and NaN-safe reading of record fields for the meters. */
final class Amounts {
  private Amounts() {}

  /** Adds the amount when it is a finite positive number; counters never go down. */
  static void add(final Counter counter, final Number amount) {
    if (amount != null) {
      final double value = amount.doubleValue();
      if (Double.isFinite(value) && value > 0) {
        counter.increment(value);
      }
    }
  }

  /** The number as a double, or 0 when it is missing or not finite. */
  static double orZero(final Number amount) {
    if (amount == null) {
      return 0;
    }
    final double value = amount.doubleValue();
    return Double.isFinite(value) ? value : 0;
  }

  /** An enum constant's name, or null. */
  static String name(final Enum<?> constant) {
    return constant == null ? null : constant.name();
  }
}
