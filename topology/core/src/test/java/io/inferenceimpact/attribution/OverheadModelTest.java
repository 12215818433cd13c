package io.inferenceimpact.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverheadModelTest {

  // 1.2 kW non-GPU power per 8-GPU server (EcoLogits assumption), PUE 1.2.
  private final OverheadModel model = new OverheadModel(new NodeOverhead(1200, 8, 1.2));

  @Test
  void shouldSplitServerEnergyLikeGpuEnergyAndApplyPue() {
    // GPU slot 1000 J over 5 s; A [0, 3750) → 750 J, idle 250 J to m.
    // Server per GPU = 1200 / 8 = 150 W × 5 s = 750 J, i.e. 0.75 J per GPU joule.
    // A: server 562.5 J, facility (750 + 562.5) × 1.2 = 1575 J. Idle: 187.5 J, (250 + 187.5) × 1.2
    // = 525 J.
    final SlotEnergy slot = SlotEnergy.fullyMeasured("g0", 0, 5000, 1000.0);
    final SlotAttribution gpu =
        EnergyAttributor.attribute(
            slot,
            List.of(new ActiveRequest("A", "m", 0, 3750, 10, 1)),
            AttributionMode.TIME_OVERLAP);

    final FacilityAttribution result = model.apply(slot, gpu);

    assertThat(result.serverJoules()).isCloseTo(750.0, within(1e-9));
    assertThat(result.requests().get("A").serverJoules()).isCloseTo(562.5, within(1e-9));
    assertThat(result.requests().get("A").facilityJoules()).isCloseTo(1575.0, within(1e-9));
    assertThat(result.idleByModel().get("m").facilityJoules()).isCloseTo(525.0, within(1e-9));
    assertThat(result.facilityJoules()).isCloseTo(2100.0, within(1e-9));
    assertThat(result.attributedFacilityJoules()).isCloseTo(result.facilityJoules(), within(1e-9));
    assertThat(result.requests().get("A").facilityOverheadJoules()).isCloseTo(262.5, within(1e-9));
  }

  @Test
  void shouldCountServerEnergyForMeasuredTimeOnly() {
    // 2000 ms measured out of 5000: 150 W × 2 s = 300 J.
    final SlotEnergy slot = new SlotEnergy("g0", 0, 5000, 100.0, 2000, 3000, 0, 2000, 0);
    assertThat(model.serverJoules(slot)).isCloseTo(300.0, within(1e-9));
  }

  @Test
  void shouldChargeServerEnergyAsIdleWhenTheGpuMeasuredNothing() {
    final SlotEnergy slot = SlotEnergy.fullyMeasured("g0", 0, 5000, 0.0);
    final SlotAttribution gpu =
        EnergyAttributor.attribute(
            slot,
            List.of(new ActiveRequest("A", "m", 0, 5000, 10, 1)),
            AttributionMode.TIME_OVERLAP);

    final FacilityAttribution result = model.apply(slot, gpu);

    assertThat(result.requests()).isEmpty();
    assertThat(result.idleByModel().get("m").serverJoules()).isCloseTo(750.0, within(1e-9));
    assertThat(result.attributedFacilityJoules()).isCloseTo(900.0, within(1e-9));
  }

  @Test
  void shouldRejectAPueBelowOne() {
    assertThatThrownBy(() -> new NodeOverhead(1200, 8, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pue");
  }
}
