package io.inferenceimpact.impact;

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
}
