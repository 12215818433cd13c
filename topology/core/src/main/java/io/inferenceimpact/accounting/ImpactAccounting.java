package io.inferenceimpact.accounting;

/**
 * SCI-style impact accounting: energy to operational emissions, embodied emissions and water. Pure
 * arithmetic in base units (joules, seconds, grams, litres); inputs are checked by the callers.
 *
 * <p>Sources:
 *
 * <ul>
 *   <li>Green Software Foundation, Software Carbon Intensity (ISO/IEC 21031:2024): {@code SCI = (E
 *       × I + M) per R}, embodied {@code M = TE × (TiR / EL) × (RR / ToR)}: total embodied
 *       emissions × time reserved / expected lifespan × resources reserved / total resources.
 *   <li>On-site water: The Green Grid, White Paper #35 "Water Usage Effectiveness (WUE): a Green
 *       Grid data center sustainability metric" (2011): WUE = annual site water usage (litres) / IT
 *       equipment energy (kWh), so on-site water = IT kWh × WUE (the PUE overhead is not
 *       multiplied: WUE is defined per IT kWh).
 *   <li>Off-site water: the water consumed to generate the electricity the facility draws from the
 *       grid, so it multiplies the FACILITY energy (IT × PUE): P. Li, J. Yang, M. A. Islam, S. Ren,
 *       "Making AI Less 'Thirsty'", arXiv:2304.03271 (off-site water = PUE × server energy × the
 *       electricity's water intensity, EWIF); EcoLogits' LLM inference methodology writes the same
 *       {@code E_IT × PUE × WUE_off-site}. Per-zone factors: EcoLogits' electricity mixes (World
 *       Resources Institute), {@link io.inferenceimpact.estimation.ElectricityMix#wueLitresPerKwh}.
 * </ul>
 *
 * <p>Total water = on-site + off-site, for measured, mixed and estimated requests and idle energy
 * alike.
 *
 * <p>Training amortization (optional, off by default): the SCI for AI draws the provider boundary
 * around training too, as published model life-cycle analyses do (e.g. Mistral AI with Carbone 4
 * and ADEME, 2025, for Mistral Large 2: training plus 18 months of use). A request's share of a
 * model's training footprint is {@code footprint × request tokens / expected lifetime tokens}, the
 * "per token" functional unit the SCI for AI suggests; it is reported apart and never added to the
 * operational or embodied figures.
 */
public final class ImpactAccounting {
  /** Joules in one kilowatt-hour. */
  public static final double JOULES_PER_KWH = 3_600_000.0;

  /** Seconds in a year of 365.25 days (the SCI's expected lifespan is given in years). */
  public static final double SECONDS_PER_YEAR = 365.25 * 24 * 3600;

  private ImpactAccounting() {}

  /** {@code E × I}: operational emissions, grams CO2e, of {@code facilityJoules} at intensity. */
  public static double operationalGrams(
      final double facilityJoules, final double intensityGramsPerKwh) {
    return facilityJoules / JOULES_PER_KWH * intensityGramsPerKwh;
  }

  /**
   * {@code M = TE × (TiR / EL) × (RR / ToR)}, grams CO2e.
   *
   * @param totalEmbodiedGrams TE, the embodied footprint of the whole server (GPUs included)
   * @param reservedSeconds TiR, time the resources were reserved
   * @param lifetimeSeconds EL, expected lifespan of the hardware
   * @param resourcesReserved RR, e.g. GPUs used
   * @param resourcesTotal ToR, e.g. GPUs in the server
   */
  public static double embodiedGrams(
      final double totalEmbodiedGrams,
      final double reservedSeconds,
      final double lifetimeSeconds,
      final double resourcesReserved,
      final double resourcesTotal) {
    return embodiedShare(
        totalEmbodiedGrams, reservedSeconds, lifetimeSeconds, resourcesReserved, resourcesTotal);
  }

  /**
   * The SCI's amortisation {@code TE × (TiR / EL) × (RR / ToR)} for any embodied indicator, in the
   * unit of {@code total} (gCO2e, kg Sb eq, MJ of primary energy).
   */
  public static double embodiedShare(
      final double total,
      final double reservedSeconds,
      final double lifetimeSeconds,
      final double resourcesReserved,
      final double resourcesTotal) {
    return total * (reservedSeconds / lifetimeSeconds) * (resourcesReserved / resourcesTotal);
  }

  /**
   * A usage plus embodied indicator, as published LLM life-cycle analyses report abiotic depletion
   * and primary energy: {@code facility kWh × per-kWh factor of the zone's electricity + the
   * embodied share of the hardware's footprint}.
   */
  public static double usagePlusEmbodied(
      final double facilityJoules, final double perKwhFactor, final double embodiedShare) {
    return facilityJoules / JOULES_PER_KWH * perKwhFactor + embodiedShare;
  }

  /** Embodied footprint of a server: its chassis (without GPUs) plus each GPU, grams CO2e. */
  public static double serverEmbodiedGrams(
      final double serverWithoutGpusGrams, final double perGpuGrams, final int gpuCount) {
    return serverWithoutGpusGrams + perGpuGrams * gpuCount;
  }

  /** On-site water, litres: IT energy in kWh × WUE (litres per kWh of IT energy). */
  public static double waterLitres(final double itJoules, final double wueLitresPerKwh) {
    return itJoules / JOULES_PER_KWH * wueLitresPerKwh;
  }

  /**
   * A request's share of a model's training footprint (gCO2e, litres): {@code total × tokens /
   * lifetimeTokens}.
   *
   * @param total the training footprint
   * @param tokens the request's tokens (input + output)
   * @param lifetimeTokens the tokens the model is expected to serve over its life
   */
  public static double trainingShare(
      final double total, final long tokens, final double lifetimeTokens) {
    return total * tokens / lifetimeTokens;
  }

  /**
   * Off-site water, litres: facility energy in kWh × the water intensity of the zone's electricity
   * (litres consumed per kWh generated).
   */
  public static double offsiteWaterLitres(
      final double facilityJoules, final double electricityLitresPerKwh) {
    return facilityJoules / JOULES_PER_KWH * electricityLitresPerKwh;
  }
}
