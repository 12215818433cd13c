package io.inferenceimpact.topology.windows;

/**
 * The additive quantities of a model window, or of one contribution to it (a request or an idle
 * slot). Base units only: joules, grams CO2e, litres. Adding is exact per field, so the window sums
 * equal the sums of what went in (the conservation the tests check).
 *
 * @param requests requests counted
 * @param estimatedRequests among them, those ESTIMATED or MIXED
 * @param inputTokens prompt tokens
 * @param outputTokens generated tokens
 * @param gpuEnergyJoules GPU energy attributed to requests (no PUE, no idle)
 * @param idleEnergyJoules idle GPU energy charged to the model (no PUE)
 * @param serverEnergyJoules non-GPU server energy of requests and idle (no PUE)
 * @param facilityEnergyJoules all of it with datacenter overhead (PUE)
 * @param operationalGrams emissions of the facility energy
 * @param embodiedGrams embodied emissions share
 * @param waterLitres water consumed, on-site + off-site
 * @param waterOnsiteLitres its on-site part (0 for a request that does not split its water)
 * @param waterOffsiteLitres its off-site part (0 for a request that does not split its water)
 * @param trainingGrams training emissions share of requests; null while no contribution had one
 * @param trainingWaterLitres training water share of requests; null while none had one
 */
public record WindowTotals(
    long requests,
    long estimatedRequests,
    long inputTokens,
    long outputTokens,
    double gpuEnergyJoules,
    double idleEnergyJoules,
    double serverEnergyJoules,
    double facilityEnergyJoules,
    double operationalGrams,
    double embodiedGrams,
    double waterLitres,
    double waterOnsiteLitres,
    double waterOffsiteLitres,
    Double trainingGrams,
    Double trainingWaterLitres) {

  public static final WindowTotals ZERO = new WindowTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Totals with all water on-site and no training share. */
  public WindowTotals(
      final long requests,
      final long estimatedRequests,
      final long inputTokens,
      final long outputTokens,
      final double gpuEnergyJoules,
      final double idleEnergyJoules,
      final double serverEnergyJoules,
      final double facilityEnergyJoules,
      final double operationalGrams,
      final double embodiedGrams,
      final double waterLitres) {
    this(
        requests,
        estimatedRequests,
        inputTokens,
        outputTokens,
        gpuEnergyJoules,
        idleEnergyJoules,
        serverEnergyJoules,
        facilityEnergyJoules,
        operationalGrams,
        embodiedGrams,
        waterLitres,
        waterLitres,
        0.0,
        null,
        null);
  }

  public WindowTotals plus(final WindowTotals o) {
    return new WindowTotals(
        requests + o.requests,
        estimatedRequests + o.estimatedRequests,
        inputTokens + o.inputTokens,
        outputTokens + o.outputTokens,
        gpuEnergyJoules + o.gpuEnergyJoules,
        idleEnergyJoules + o.idleEnergyJoules,
        serverEnergyJoules + o.serverEnergyJoules,
        facilityEnergyJoules + o.facilityEnergyJoules,
        operationalGrams + o.operationalGrams,
        embodiedGrams + o.embodiedGrams,
        waterLitres + o.waterLitres,
        waterOnsiteLitres + o.waterOnsiteLitres,
        waterOffsiteLitres + o.waterOffsiteLitres,
        plus(trainingGrams, o.trainingGrams),
        plus(trainingWaterLitres, o.trainingWaterLitres));
  }

  /** The same totals with other operational emissions (the grid stage's intensity applied). */
  public WindowTotals withOperationalGrams(final double grams) {
    return new WindowTotals(
        requests,
        estimatedRequests,
        inputTokens,
        outputTokens,
        gpuEnergyJoules,
        idleEnergyJoules,
        serverEnergyJoules,
        facilityEnergyJoules,
        grams,
        embodiedGrams,
        waterLitres,
        waterOnsiteLitres,
        waterOffsiteLitres,
        trainingGrams,
        trainingWaterLitres);
  }

  /** Operational plus embodied emissions, grams CO2e (never the training share). */
  public double emissionsGrams() {
    return operationalGrams + embodiedGrams;
  }

  /** Sum of two optional amounts: null only when both are null. */
  private static Double plus(final Double a, final Double b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + b;
  }
}
