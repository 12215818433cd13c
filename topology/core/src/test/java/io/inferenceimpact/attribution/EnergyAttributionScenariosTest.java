package io.inferenceimpact.attribution;

import static io.inferenceimpact.attribution.AttributionMode.TIME_OVERLAP;
import static io.inferenceimpact.attribution.AttributionMode.TOKEN_WEIGHTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed scenarios, the arithmetic in the comments. Slots are [0, 5000) ms unless said. */
class EnergyAttributionScenariosTest {

  private static ActiveRequest request(
      final String id, final String model, final long start, final long end) {
    return new ActiveRequest(id, model, start, end, 100, 1);
  }

  private static double joulesOf(final SlotAttribution attribution, final String requestId) {
    return attribution.requests().get(requestId).energyJoules();
  }

  @Test
  void shouldGiveAllEnergyToARequestAloneForTheWholeSlot() {
    // 1500 J, one request covering [0, 5000): union = slot, no idle, one share = 1500 J.
    final SlotAttribution result =
        EnergyAttributor.attribute(
            SlotEnergy.fullyMeasured("g0", 0, 5000, 1500.0),
            List.of(request("r1", "llama-8b", -2000, 7000)),
            TIME_OVERLAP);

    assertThat(joulesOf(result, "r1")).isEqualTo(1500.0);
    assertThat(result.idleJoulesByModel()).isEmpty();
    assertThat(result.lastServedModel()).isEqualTo("llama-8b");
  }

  @Test
  void shouldShareEachInstantEquallyAmongTheRequestsRunningThen() {
    // 1000 J at constant power = 0.2 J/ms; A [0, 5000), B [1000, 3500).
    // [0, 1000) A alone: 200 J. [1000, 3500) A and B: 500 J, 250 J each. [3500, 5000) A: 300 J.
    // A = 200 + 250 + 300 = 750 J, B = 250 J; nothing idle.
    final SlotAttribution result =
        EnergyAttributor.attribute(
            SlotEnergy.fullyMeasured("g0", 0, 5000, 1000.0),
            List.of(request("A", "m", 0, 5000), request("B", "m", 1000, 3500)),
            TIME_OVERLAP);

    assertThat(joulesOf(result, "A")).isCloseTo(750.0, within(1e-9));
    assertThat(joulesOf(result, "B")).isCloseTo(250.0, within(1e-9));
    assertThat(result.idleJoulesByModel()).isEmpty();
  }

  @Test
  void shouldChargeTheUncoveredPartOfAPartiallyIdleSlotToTheLastModel() {
    // 1000 J over 5000 ms = 0.2 J/ms. A (m-a) [0, 2000), B (m-b) [1000, 3000).
    // A: [0, 1000) alone 200 J + [1000, 2000) half of 200 J = 300 J; B: 100 + [2000, 3000) 200 =
    // 300.
    // Idle = 400 J for [3000, 5000), after B ended last → charged to m-b.
    final SlotAttribution result =
        EnergyAttributor.attribute(
            SlotEnergy.fullyMeasured("g0", 0, 5000, 1000.0),
            List.of(request("B", "m-b", 1000, 3000), request("A", "m-a", 0, 2000)),
            "m-old",
            TIME_OVERLAP);

    assertThat(joulesOf(result, "A")).isCloseTo(300.0, within(1e-9));
    assertThat(joulesOf(result, "B")).isCloseTo(300.0, within(1e-9));
    assertThat(result.idleJoulesByModel()).containsOnlyKeys("m-b");
    assertThat(result.idleJoulesByModel().get("m-b")).isCloseTo(400.0, within(1e-9));
  }

  @Test
  void shouldWeightByTokenRateWhenAsked() {
    // 1000 J; both cover the slot. A: 500 tokens in 5000 ms (0.1/ms), B: 1500 tokens (0.3/ms).
    // Weights 5000 × 0.1 = 500 and 5000 × 0.3 = 1500 → A 250 J, B 750 J.
    final SlotAttribution result =
        EnergyAttributor.attribute(
            SlotEnergy.fullyMeasured("g0", 0, 5000, 1000.0),
            List.of(
                new ActiveRequest("A", "m", 0, 5000, 500, 1),
                new ActiveRequest("B", "m", 0, 5000, 1500, 1)),
            TOKEN_WEIGHTED);

    assertThat(joulesOf(result, "A")).isCloseTo(250.0, within(1e-9));
    assertThat(joulesOf(result, "B")).isCloseTo(750.0, within(1e-9));
  }

  @Test
  void shouldSumATensorParallelRequestOverItsFourGpus() {
    // R spans g0..g3 for the whole slot; GPUs measured 1000, 1100, 900, 1200 J.
    // On g1, S runs the whole slot as well: R gets 1100 / 2 = 550 J there.
    // R total = 1000 + 550 + 900 + 1200 = 3650 J; S = 550 J; nothing idle.
    final ActiveRequest tensorParallel = new ActiveRequest("R", "llama-70b", 0, 5000, 400, 4);
    final double[] gpuJoules = {1000, 1100, 900, 1200};
    double total = 0.0;
    for (int gpu = 0; gpu < 4; gpu++) {
      final List<ActiveRequest> onGpu = new ArrayList<>(List.of(tensorParallel));
      if (gpu == 1) {
        onGpu.add(new ActiveRequest("S", "llama-70b", 0, 5000, 400, 1));
      }
      total +=
          joulesOf(
              EnergyAttributor.attribute(
                  SlotEnergy.fullyMeasured("g" + gpu, 0, 5000, gpuJoules[gpu]),
                  onGpu,
                  TIME_OVERLAP),
              "R");
    }
    assertThat(total).isCloseTo(3650.0, within(1e-9));
  }

  @Test
  void shouldNeverGiveNegativeEnergyWhenTheCounterResetsMidRequest() {
    // Counter grows 300 000 mJ/s (300 W). The driver reloads between 2000 and 3000: the counter
    // reads 100 000 mJ at 3000. That interval uses the trapezoid of power, 200 W × 1 s = 200 J;
    // the others use counter deltas, 4 × 300 J. Slot = 1400 J, all to the request running through.
    final GpuSlotIntegrator integrator = new GpuSlotIntegrator("g0", IntegratorConfig.DEFAULTS);
    final long[] counters = {9_000_000, 9_300_000, 9_600_000, 100_000, 400_000, 700_000};
    final List<SlotEnergy> slots = new ArrayList<>();
    for (int i = 0; i < counters.length; i++) {
      slots.addAll(
          integrator.accept(GpuSample.withCounter(i * 1000L, 200, counters[i])).completedSlots());
    }
    assertThat(slots)
        .singleElement()
        .satisfies(
            slot -> {
              assertThat(slot.energyJoules()).isCloseTo(1400.0, within(1e-9));
              assertThat(slot.counterAnomalies()).isEqualTo(1);
            });

    final SlotAttribution result =
        EnergyAttributor.attribute(
            slots.get(0), List.of(request("r1", "m", 0, 5000)), TIME_OVERLAP);
    assertThat(joulesOf(result, "r1")).isCloseTo(1400.0, within(1e-9));
  }

  @Test
  void shouldInventNoEnergyForASamplingGap() {
    // 300 W samples each second on [0, 5000], then silence until 45 000 (40 s > 30 s limit), then
    // samples each second to 50 000. Measured: [0, 5000) 1500 J and [45 000, 50 000) 1500 J.
    // [5000, 45 000) = 8 slots, UNMEASURED, 0 J. The request over [0, 50 000) gets 3000 J, not 15
    // 000.
    final GpuSlotIntegrator integrator = new GpuSlotIntegrator("g0", IntegratorConfig.DEFAULTS);
    final List<SlotEnergy> slots = new ArrayList<>();
    for (long t = 0; t <= 50_000; t += 1000) {
      if (t <= 5000 || t >= 45_000) {
        slots.addAll(integrator.accept(GpuSample.ofPower(t, 300)).completedSlots());
      }
    }
    assertThat(slots).hasSize(10);
    assertThat(slots.subList(1, 9))
        .allSatisfy(
            slot -> {
              assertThat(slot.isUnmeasured()).isTrue();
              assertThat(slot.unmeasuredMillis()).isEqualTo(5000);
              assertThat(slot.energyJoules()).isZero();
            });

    final ActiveRequest longRequest = request("r1", "m", 0, 50_000);
    double requestJoules = 0.0;
    for (final SlotEnergy slot : slots) {
      final SlotAttribution split =
          EnergyAttributor.attribute(slot, List.of(longRequest), TIME_OVERLAP);
      requestJoules += split.requests().containsKey("r1") ? joulesOf(split, "r1") : 0.0;
    }
    assertThat(requestJoules).isCloseTo(3000.0, within(1e-9));
  }

  @Test
  void shouldChargeAnIdleSlotToTheModelServedLastOrUnknown() {
    // No request in [5000, 10 000); 500 J measured. The GPU last served "mistral-7b" → 500 J idle
    // to it.
    final SlotEnergy idleSlot = SlotEnergy.fullyMeasured("g0", 5000, 10_000, 500.0);
    final SlotAttribution charged =
        EnergyAttributor.attribute(idleSlot, List.of(), "mistral-7b", TIME_OVERLAP);
    assertThat(charged.requests()).isEmpty();
    assertThat(charged.idleJoulesByModel()).isEqualTo(Map.of("mistral-7b", 500.0));
    assertThat(charged.lastServedModel()).isEqualTo("mistral-7b");

    final SlotAttribution fresh = EnergyAttributor.attribute(idleSlot, List.of(), TIME_OVERLAP);
    assertThat(fresh.idleJoulesByModel()).isEqualTo(Map.of(SlotAttribution.UNKNOWN_MODEL, 500.0));
  }

  @Test
  void shouldEmitADeltaForALateRequestThatRebuildsTheNewSplit() {
    // First: A alone [0, 2500) in a 1000 J slot → A 500 J, idle 500 J to m.
    // Late B [2500, 5000) arrives: A 500 J, B 500 J, no idle. Delta: B +500, idle(m) −500.
    final SlotEnergy slot = SlotEnergy.fullyMeasured("g0", 0, 5000, 1000.0);
    final ActiveRequest a = request("A", "m", 0, 2500);
    final SlotAttribution before = EnergyAttributor.attribute(slot, List.of(a), TIME_OVERLAP);
    final SlotAttribution after =
        EnergyAttributor.attribute(slot, List.of(request("B", "m", 2500, 5000), a), TIME_OVERLAP);

    final AttributionDelta delta = AttributionDelta.between(before, after);

    assertThat(delta.requestDeltas()).containsOnlyKeys("B");
    assertThat(delta.requestDeltas().get("B").energyJoules()).isCloseTo(500.0, within(1e-9));
    assertThat(delta.idleDeltaJoulesByModel()).isEqualTo(Map.of("m", -500.0));
    assertThat(before.apply(delta)).isEqualTo(after);
    assertThat(AttributionDelta.between(after, after).isEmpty()).isTrue();
  }

  @Test
  void shouldKeepOneEntryPerDuplicatedRequestId() {
    final SlotEnergy slot = SlotEnergy.fullyMeasured("g0", 0, 5000, 1000.0);
    final ActiveRequest a = request("A", "m", 0, 5000);
    final SlotAttribution result = EnergyAttributor.attribute(slot, List.of(a, a), TIME_OVERLAP);

    assertThat(result.requests()).containsOnlyKeys("A");
    assertThat(joulesOf(result, "A")).isEqualTo(1000.0);
  }
}
