package io.inferenceimpact.attribution;

/**
 * Energy of one request or one idle model, by layer: the GPU, the rest of the server, and the
 * facility total including cooling and power distribution ({@code (gpu + server) × PUE}).
 *
 * @param gpuJoules measured GPU energy
 * @param serverJoules share of the non-GPU server energy
 * @param facilityJoules {@code (gpuJoules + serverJoules) × PUE}
 */
public record EnergyBreakdown(double gpuJoules, double serverJoules, double facilityJoules) {

  static EnergyBreakdown of(final double gpuJoules, final double serverJoules, final double pue) {
    return new EnergyBreakdown(gpuJoules, serverJoules, (gpuJoules + serverJoules) * pue);
  }

  /** Facility energy that is not IT energy (cooling, power distribution losses). */
  public double facilityOverheadJoules() {
    return facilityJoules - gpuJoules - serverJoules;
  }
}
