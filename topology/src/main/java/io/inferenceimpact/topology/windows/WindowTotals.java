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
 * @param waterLitres water consumed
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
    double waterLitres) {

  public static final WindowTotals ZERO = new WindowTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

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
        waterLitres + o.waterLitres);
  }

  /** Operational plus embodied emissions, grams CO2e. */
  public double emissionsGrams() {
    return operationalGrams + embodiedGrams;
  }
}
