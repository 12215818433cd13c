package io.inferenceimpact.estimation;

/**
 * Impact factors of one kWh of electricity in a zone (EcoLogits' electricity_mixes.csv: Our World
 * in Data for GWP, ADEME Base Empreinte for ADPe and PE, World Resources Institute for water).
 *
 * @param zone ISO 3166 alpha-3 country code, {@code WOR} for the world average
 * @param adpeKgSbEqPerKwh abiotic depletion, kg antimony-equivalent per kWh
 * @param primaryEnergyMjPerKwh primary energy, MJ per kWh
 * @param gwpGramsPerKwh carbon intensity, gCO2e per kWh (the CSV's kg × 1000)
 * @param wueLitresPerKwh water consumed off-site to produce one kWh, litres
 */
public record ElectricityMix(
    String zone,
    double adpeKgSbEqPerKwh,
    double primaryEnergyMjPerKwh,
    double gwpGramsPerKwh,
    double wueLitresPerKwh) {

  public ElectricityMix {
    if (adpeKgSbEqPerKwh < 0
        || primaryEnergyMjPerKwh < 0
        || gwpGramsPerKwh < 0
        || wueLitresPerKwh < 0) {
      throw new IllegalArgumentException("electricity factors must be >= 0 for " + zone);
    }
  }

  /** The same mix with a live carbon intensity (the stream's grid value) in place of the annual. */
  public ElectricityMix withGwpGramsPerKwh(final double gramsPerKwh) {
    return new ElectricityMix(
        zone, adpeKgSbEqPerKwh, primaryEnergyMjPerKwh, gramsPerKwh, wueLitresPerKwh);
  }
}
