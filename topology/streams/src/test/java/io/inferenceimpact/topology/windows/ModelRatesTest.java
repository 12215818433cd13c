package io.inferenceimpact.topology.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.topology.attribution.IdleEnergy;
import io.inferenceimpact.topology.grid.ResolvedIntensity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Window sums and rates against hand-computed values. */
class ModelRatesTest {
  private static final long T0 = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

  private static RequestImpact request(
      final ImpactMethod method, final double gpuJoules, final double facilityJoules) {
    return RequestImpact.newBuilder()
        .setRequestId("r")
        .setModel("llama")
        .setZone("FR")
        .setTenant("acme")
        .setStartTime(Instant.ofEpochMilli(T0))
        .setEndTime(Instant.ofEpochMilli(T0 + 30_000))
        .setInputTokens(100)
        .setOutputTokens(400)
        .setMethod(method)
        .setGpuEnergyJoules(gpuJoules)
        .setServerEnergyJoules(500.0)
        .setFacilityEnergyJoules(facilityJoules)
        .setIntensityGPerKwh(44.18)
        .setIntensitySource("FALLBACK")
        .setOperationalEmissionsGrams(2.0)
        .setEmbodiedEmissionsGrams(0.5)
        .setWaterLitres(0.25)
        .setWaterOnsiteLitres(0.05)
        .setWaterOffsiteLitres(0.2)
        .build();
  }

  @Test
  void shouldSumRequestsAndIdleAndDeriveTheRates() {
    final WindowContribution a =
        Contributions.ofRequest(request(ImpactMethod.MEASURED, 1_000, 1_800));
    final WindowContribution b = Contributions.ofRequest(request(ImpactMethod.MIXED, 2_000, 3_000));
    final WindowContribution idle =
        new WindowContribution(
            "llama", "FR", null, T0, new WindowTotals(0, 0, 0, 0, 0, 600, 150, 1_200, 1.0, 0, 0.1));
    WindowAggregate w = WindowAggregate.open(a, null, 60_000);
    for (final WindowContribution c : List.of(a, b, idle)) {
      w = w.plus(c.totals());
    }

    final ModelImpactWindow out = ModelRates.of(w);
    assertThat(out.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(out.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
    assertThat(out.getTenant()).isNull();
    assertThat(out.getRequests()).isEqualTo(2);
    assertThat(out.getEstimatedRequests()).isEqualTo(1);
    assertThat(out.getInputTokens()).isEqualTo(200);
    assertThat(out.getOutputTokens()).isEqualTo(800);
    assertThat(out.getGpuEnergyJoules()).isEqualTo(3_000.0);
    assertThat(out.getIdleEnergyJoules()).isEqualTo(600.0);
    assertThat(out.getServerEnergyJoules()).isEqualTo(1_150.0);
    assertThat(out.getFacilityEnergyJoules()).isEqualTo(6_000.0);
    assertThat(out.getOperationalEmissionsGrams()).isEqualTo(5.0);
    assertThat(out.getEmbodiedEmissionsGrams()).isEqualTo(1.0);
    assertThat(out.getWaterLitres()).isCloseTo(0.6, within(1e-12));
    // requests 2 × (0.05 on-site + 0.2 off-site); the idle totals here give all 0.1 L on-site
    assertThat(out.getWaterOnsiteLitres()).isCloseTo(0.2, within(1e-12));
    assertThat(out.getWaterOffsiteLitres()).isCloseTo(0.4, within(1e-12));
    assertThat(out.getTrainingEmissionsGrams()).as("training amortization off").isNull();
    // 6000 J = 1.6667 Wh over 800 tokens → 2.0833 Wh per 1000 tokens (idle included)
    assertThat(out.getWhPer1kOutputTokens()).isCloseTo(6_000.0 / 3_600 / 0.8, within(1e-12));
    assertThat(out.getEmissionsGramsPer1kOutputTokens()).isCloseTo(7.5, within(1e-12));
    assertThat(out.getEmissionsGramsPerRequest()).isCloseTo(3.0, within(1e-12));
    // 6 g in one minute → 360 g per hour
    assertThat(out.getEmissionsGramsPerHour()).isCloseTo(360.0, within(1e-9));
  }

  @Test
  void shouldSumTrainingSharesApartFromTheOperationalFigures() {
    final WindowContribution a =
        Contributions.ofRequest(
            RequestImpact.newBuilder(request(ImpactMethod.MEASURED, 1_000, 1_800))
                .setTrainingEmissionsGrams(0.3)
                .build());
    final WindowContribution b = Contributions.ofRequest(request(ImpactMethod.MEASURED, 1, 1));
    final ModelImpactWindow out =
        ModelRates.of(WindowAggregate.open(a, null, 60_000).plus(a.totals()).plus(b.totals()));

    assertThat(out.getTrainingEmissionsGrams()).isCloseTo(0.3, within(1e-12));
    assertThat(out.getTrainingWaterLitres()).isNull();
    // rates stay operational + embodied: (2 + 0.5) × 2 requests / 2 = 2.5 g per request
    assertThat(out.getEmissionsGramsPerRequest()).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void shouldLeaveRatesNullWhenTheirDivisorIsZero() {
    final WindowContribution idle =
        new WindowContribution(
            "llama",
            "FR",
            null,
            T0 + 59_999,
            new WindowTotals(0, 0, 0, 0, 0, 60, 0, 72, 3.0, 0, 0));
    final ModelImpactWindow out =
        ModelRates.of(WindowAggregate.open(idle, null, 60_000).plus(idle.totals()));

    assertThat(out.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(out.getWhPer1kOutputTokens()).isNull();
    assertThat(out.getEmissionsGramsPer1kOutputTokens()).isNull();
    assertThat(out.getEmissionsGramsPerRequest()).isNull();
    assertThat(out.getEmissionsGramsPerHour()).isCloseTo(180.0, within(1e-9));
  }

  @Test
  void shouldChargeIdleEnergyToTheNodesZoneAtTheIntensityTheGridStageResolved() {
    // node-1 is not in the default fleet: defaults (PUE 1.2, WUE 0.569) and zone WORLD
    final Contributions contributions = new Contributions(ConfigLoader.defaults());
    final WindowContribution beforeGrid =
        contributions.ofIdle(
            new IdleEnergy(
                "llama", "GPU-A", "node-1", T0, T0 + 5_000, 1_500, 750, 2_700, 4_000, null));
    assertThat(beforeGrid.totals().operationalGrams()).isZero();
    // a live value of 300 g/kWh as of the slot start: 2 700 J = 0.00075 kWh → 0.225 g
    final WindowContribution c =
        Contributions.withIntensity(
            beforeGrid, new ResolvedIntensity(300.0, "test", T0, ResolvedIntensity.Outcome.LIVE));

    assertThat(c.model()).isEqualTo("llama");
    assertThat(c.zone()).isEqualTo("WORLD");
    assertThat(c.tenant()).isNull();
    assertThat(c.eventTimeMillis()).isEqualTo(T0);
    assertThat(c.totals().requests()).isZero();
    assertThat(c.totals().gpuEnergyJoules()).isZero();
    assertThat(c.totals().idleEnergyJoules()).isEqualTo(1_500.0);
    assertThat(c.totals().serverEnergyJoules()).isEqualTo(750.0);
    assertThat(c.totals().facilityEnergyJoules()).isEqualTo(2_700.0);
    assertThat(c.totals().operationalGrams()).isCloseTo(0.225, within(1e-12));
    // 4 s of idle GPU time: (5 700 kg + 8 × 164 kg) × 4 s / 3 years (365.25 days) / 8 GPUs
    assertThat(c.totals().embodiedGrams())
        .isCloseTo((5_700_000.0 + 8 * 164_000.0) * 4 / (3 * 365.25 * 86_400) / 8, within(1e-15));
    // on-site: IT 2 250 J × WUE 0.569 L/kWh; off-site: facility 2 700 J × 3.908 L/kWh (world)
    assertThat(c.totals().waterOnsiteLitres()).isCloseTo(2_250 / 3.6e6 * 0.569, within(1e-12));
    assertThat(c.totals().waterOffsiteLitres()).isCloseTo(2_700 / 3.6e6 * 3.908, within(1e-12));
    assertThat(c.totals().waterLitres())
        .isCloseTo(2_250 / 3.6e6 * 0.569 + 2_700 / 3.6e6 * 3.908, within(1e-12));
  }

  @Test
  void shouldKeyZoneAndTenantWindowsApart() {
    final WindowContribution c = Contributions.ofRequest(request(ImpactMethod.ESTIMATED, 1, 1));
    final WindowAggregate zone = WindowAggregate.open(c, null, 60_000);
    final WindowAggregate tenant = WindowAggregate.open(c, "acme", 60_000);

    assertThat(zone.outputKey()).isEqualTo("llama|FR|2026-11-27T12:00:00Z");
    assertThat(tenant.outputKey()).isEqualTo("llama|FR|acme|2026-11-27T12:00:00Z");
    assertThat(zone.storeKey()).isNotEqualTo(tenant.storeKey()).startsWith("0000000" + T0);
    assertThat(c.totals().estimatedRequests()).isEqualTo(1);
  }
}
