package io.inferenceimpact.estimation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElectricityMixesTest {

  private static final ElectricityMixes MIXES = ElectricityMixes.bundled();

  @Test
  void shouldLoadTheFiftyZonesInGramsPerKwh() {
    assertThat(MIXES.size()).isEqualTo(50);
    final ElectricityMix usa = MIXES.find("USA").orElseThrow();
    assertThat(usa.gwpGramsPerKwh()).isEqualTo(383.55, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(usa.wueLitresPerKwh()).isEqualTo(3.1321);
    assertThat(usa.primaryEnergyMjPerKwh()).isEqualTo(9.6884);
    assertThat(usa.adpeKgSbEqPerKwh()).isEqualTo(9.855e-08);
  }

  @Test
  void shouldAcceptAlpha2AndElectricityMapsZones() {
    assertThat(MIXES.find("US").orElseThrow().zone()).isEqualTo("USA");
    assertThat(MIXES.find("us-cal-ciso").orElseThrow().zone()).isEqualTo("USA");
    assertThat(MIXES.find("GB").orElseThrow().zone()).isEqualTo("GBR");
    assertThat(MIXES.find("SE-SE3").orElseThrow().zone()).isEqualTo("SWE");
  }

  @Test
  void shouldFallBackToTheWorldForUnknownZones() {
    assertThat(MIXES.find("WORLD").orElseThrow().gwpGramsPerKwh())
        .isEqualTo(473.01, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(MIXES.find("XX")).isEmpty();
    assertThat(MIXES.find(null)).isEmpty();
    assertThat(MIXES.forZoneOrWorld("ZZ-NOWHERE").zone()).isEqualTo("WOR");
  }
}
