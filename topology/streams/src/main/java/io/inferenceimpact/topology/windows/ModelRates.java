package io.inferenceimpact.topology.windows;

import io.inferenceimpact.avro.ModelImpactWindow;
import java.time.Instant;

/**
 * A window's totals as a {@link ModelImpactWindow}, with its rates. Pure arithmetic.
 *
 * <ul>
 *   <li>{@code wh_per_1k_output_tokens} = facility energy in Wh × 1000 / output tokens. In a zone
 *       window the facility energy includes the idle energy charged to the model: operators compare
 *       models, and a model that keeps GPUs idle costs that energy too. Tenant windows carry no
 *       idle energy (idle time belongs to no tenant), so their rate covers the requests only.
 *   <li>{@code emissions_grams_per_1k_output_tokens}, {@code emissions_grams_per_request}:
 *       operational + embodied grams over output tokens / 1000, over requests.
 *   <li>{@code emissions_grams_per_hour}: operational + embodied grams over the window's length in
 *       hours.
 *   <li>A rate whose divisor is 0 is null.
 *   <li>The training share (training amortization, off by default) is reported on its own and is in
 *       no rate: rates are operational + embodied.
 * </ul>
 */
public final class ModelRates {
  private static final double JOULES_PER_WH = 3_600.0;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private ModelRates() {}

  public static ModelImpactWindow of(final WindowAggregate w) {
    final WindowTotals t = w.totals();
    final double emissions = t.emissionsGrams();
    return ModelImpactWindow.newBuilder()
        .setModel(w.model())
        .setZone(w.zone())
        .setTenant(w.tenant())
        .setWindowStart(Instant.ofEpochMilli(w.startMillis()))
        .setWindowEnd(Instant.ofEpochMilli(w.endMillis()))
        .setRequests(t.requests())
        .setEstimatedRequests(t.estimatedRequests())
        .setInputTokens(t.inputTokens())
        .setOutputTokens(t.outputTokens())
        .setGpuEnergyJoules(t.gpuEnergyJoules())
        .setIdleEnergyJoules(t.idleEnergyJoules())
        .setServerEnergyJoules(t.serverEnergyJoules())
        .setFacilityEnergyJoules(t.facilityEnergyJoules())
        .setOperationalEmissionsGrams(t.operationalGrams())
        .setEmbodiedEmissionsGrams(t.embodiedGrams())
        .setWaterLitres(t.waterLitres())
        .setWaterOnsiteLitres(t.waterOnsiteLitres())
        .setWaterOffsiteLitres(t.waterOffsiteLitres())
        .setTrainingEmissionsGrams(t.trainingGrams())
        .setTrainingWaterLitres(t.trainingWaterLitres())
        .setWhPer1kOutputTokens(
            per(t.facilityEnergyJoules() / JOULES_PER_WH * 1000.0, t.outputTokens()))
        .setEmissionsGramsPer1kOutputTokens(per(emissions * 1000.0, t.outputTokens()))
        .setEmissionsGramsPerRequest(per(emissions, t.requests()))
        .setEmissionsGramsPerHour(
            per(emissions, (w.endMillis() - w.startMillis()) / MILLIS_PER_HOUR))
        .build();
  }

  /** {@code amount / divisor}, or null when the divisor is 0. */
  static Double per(final double amount, final double divisor) {
    return divisor == 0.0 ? null : amount / divisor;
  }
}
