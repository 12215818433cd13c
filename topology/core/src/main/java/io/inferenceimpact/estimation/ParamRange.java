package io.inferenceimpact.estimation;

/**
 * A parameter count in billions: one value for open models, a {@code [min, max]} range for closed
 * models whose size is only estimated (EcoLogits' catalog gives such ranges).
 *
 * @param minBillions lower bound, billions of parameters
 * @param maxBillions upper bound, billions of parameters ({@code == min} for a single value)
 */
public record ParamRange(double minBillions, double maxBillions) {

  public ParamRange {
    if (!(minBillions > 0) || Double.isInfinite(maxBillions) || maxBillions < minBillions) {
      throw new IllegalArgumentException(
          "parameter counts must be > 0 and min <= max: " + minBillions + ", " + maxBillions);
    }
  }

  /** One known parameter count. */
  public static ParamRange of(final double billions) {
    return new ParamRange(billions, billions);
  }

  /** Whether the count is uncertain (min and max differ). */
  public boolean isRange() {
    return maxBillions > minBillions;
  }
}
