package io.inferenceimpact.estimation;

/**
 * A quantity with its uncertainty: the central value and its lower and upper bounds. For a model
 * whose size is a range, EcoLogits computes the impacts at both ends and reports their mean as the
 * central value (ecologits/utils/range_value.py, {@code RangeValue.mean = (min + max) / 2}).
 */
public record Bounds(double value, double min, double max) {

  public Bounds {
    if (!(min <= value && value <= max)) {
      throw new IllegalArgumentException(
          "need min <= value <= max: " + min + ", " + value + ", " + max);
    }
  }

  public static Bounds exact(final double value) {
    return new Bounds(value, value, value);
  }

  /** The values at both ends of a range, with the arithmetic mean as the central value. */
  public static Bounds between(final double low, final double high) {
    return new Bounds((low + high) / 2.0, low, high);
  }

  public boolean uncertain() {
    return max > min;
  }

  public Bounds plus(final Bounds other) {
    return new Bounds(value + other.value, min + other.min, max + other.max);
  }
}
