package io.inferenceimpact.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImpactAccountingTest {

  @Test
  void shouldTurnOneKilowattHourAtAnIntensityIntoThatManyGrams() {
    assertThat(ImpactAccounting.operationalGrams(3_600_000.0, 473.01))
        .isCloseTo(473.01, within(1e-12));
  }

  @Test
  void shouldAmortiseEmbodiedEmissionsByTimeAndShareOfTheServer() {
    // SCI M = TE x (TiR / EL) x (RR / ToR): 8 000 kg over 4 years, 1 year reserved, 2 of 8 GPUs.
    assertThat(ImpactAccounting.embodiedGrams(8_000_000.0, 1.0, 4.0, 2, 8))
        .isCloseTo(500_000.0, within(1e-6));
  }

  @Test
  void shouldAddEachGpuToTheServerFootprint() {
    assertThat(ImpactAccounting.serverEmbodiedGrams(5_700_000.0, 164_000.0, 8))
        .isEqualTo(7_012_000.0);
  }

  @Test
  void shouldChargeOnSiteWaterPerItKilowattHour() {
    assertThat(ImpactAccounting.waterLitres(7_200_000.0, 0.569)).isCloseTo(1.138, within(1e-12));
  }

  @Test
  void shouldChargeOffSiteWaterPerFacilityKilowattHour() {
    // 2 kWh of IT energy at PUE 1.2 = 2.4 kWh drawn from a grid whose generation consumes 3.908
    // L/kWh (EcoLogits' world mix, WRI) → 9.3792 L off-site; on-site 2 kWh × 0.569 = 1.138 L.
    assertThat(ImpactAccounting.offsiteWaterLitres(1.2 * 7_200_000.0, 3.908))
        .isCloseTo(9.3792, within(1e-12));
  }

  @Test
  void shouldAddTheEmbodiedShareToTheUsageOfAnIndicator() {
    // 1 kWh at 2.5871 MJ/kWh (EcoLogits, world mix) plus 0.5 MJ of amortised hardware.
    assertThat(ImpactAccounting.usagePlusEmbodied(3_600_000, 2.5871, 0.5))
        .isCloseTo(3.0871, within(1e-12));
    // 1 h of a 3-year server, 1 of 8 GPUs: 70 000 MJ × (3600 / 94 672 800) × (1 / 8).
    assertThat(
            ImpactAccounting.embodiedShare(
                70_000, 3_600, 3 * ImpactAccounting.SECONDS_PER_YEAR, 1, 8))
        .isCloseTo(70_000 * 3_600 / 94_672_800.0 / 8, within(1e-12));
  }

  @Test
  void shouldShareTheTrainingFootprintPerToken() {
    // Llama 3.1 8B: 420 t CO2e of training (model card, location-based) = 4.2e8 g; over 1e12
    // lifetime tokens, a request of 100 + 400 tokens carries 4.2e8 × 500 / 1e12 = 0.21 g.
    assertThat(ImpactAccounting.trainingShare(4.2e8, 500, 1e12)).isCloseTo(0.21, within(1e-15));
  }
}
