package io.inferenceimpact.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.attribution.SampleOutcome.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuSlotIntegratorTest {

  private static final String GPU = "GPU-0";

  private final GpuSlotIntegrator integrator =
      new GpuSlotIntegrator(GPU, IntegratorConfig.DEFAULTS);

  private List<SlotEnergy> feed(final GpuSlotIntegrator target, final GpuSample... samples) {
    final List<SlotEnergy> slots = new ArrayList<>();
    for (final GpuSample sample : samples) {
      final SampleOutcome outcome = target.accept(sample);
      assertThat(outcome.isAccepted()).as("sample at %d", sample.timeMillis()).isTrue();
      slots.addAll(outcome.completedSlots());
    }
    return slots;
  }

  @Test
  void shouldIntegrateConstantPowerPerSlotAndCompleteAtTheBoundary() {
    // 300 W for 5 s = 1500 J in [0, 5000); the sample at 5000 closes that slot.
    final List<SlotEnergy> slots =
        feed(
            integrator,
            GpuSample.ofPower(0, 300),
            GpuSample.ofPower(1000, 300),
            GpuSample.ofPower(2500, 300),
            GpuSample.ofPower(4000, 300),
            GpuSample.ofPower(5000, 300));

    assertThat(slots)
        .singleElement()
        .satisfies(
            slot -> {
              assertThat(slot.slotStartMillis()).isZero();
              assertThat(slot.slotEndMillis()).isEqualTo(5000);
              assertThat(slot.energyJoules()).isCloseTo(1500.0, within(1e-9));
              assertThat(slot.isFullyMeasured()).isTrue();
            });
  }

  @Test
  void shouldCutAnIntervalAcrossSlotsAlongItsPowerLine() {
    // 4000 → 6000 ms at 100 W then 300 W: trapezoid (100 + 300) / 2 × 2 s = 400 J. The line is at
    // 200 W at the 5000 boundary: (100 + 200) / 2 × 1 s = 150 J before it, (200 + 300) / 2 × 1 s
    // = 250 J after. The first slot also has 4000 ms before the first sample: unmeasured.
    feed(integrator, GpuSample.ofPower(4000, 100));
    final List<SlotEnergy> slots = feed(integrator, GpuSample.ofPower(6000, 300));

    assertThat(slots)
        .singleElement()
        .satisfies(
            slot -> {
              assertThat(slot.energyJoules()).isCloseTo(150.0, within(1e-9));
              assertThat(slot.measuredMillis()).isEqualTo(1000);
              assertThat(slot.unmeasuredMillis()).isEqualTo(4000);
              assertThat(slot.measuredStartMillis()).isEqualTo(4000);
              assertThat(slot.measuredEndMillis()).isEqualTo(5000);
              assertThat(slot.pieceCount()).isEqualTo(1);
              assertThat(slot.piece(0).startMillis()).isEqualTo(4000);
              assertThat(slot.piece(0).endMillis()).isEqualTo(5000);
              assertThat(slot.piece(0).startWatts()).isEqualTo(100.0);
              assertThat(slot.piece(0).endWatts()).isCloseTo(200.0, within(1e-9));
            });
    final List<SlotEnergy> next = integrator.flush(10_000 + 30_001);
    assertThat(next.get(0).energyJoules()).isCloseTo(250.0, within(1e-9));
    assertThat(next.get(0).piece(0).startWatts()).isCloseTo(200.0, within(1e-9));
    assertThat(next.get(0).piece(0).endWatts()).isEqualTo(300.0);
  }

  @Test
  void shouldKeepOnePiecePerSampleIntervalWithTheCounterEnergy() {
    // Counter deltas 300 J over [0, 1000), 500 J over [1000, 2500), no counter on the last sample:
    // trapezoid (200 + 400) / 2 × 2.5 s = 750 J over [2500, 5000). Three pieces, 1550 J.
    final List<SlotEnergy> slots =
        feed(
            integrator,
            GpuSample.withCounter(0, 250, 1_000_000),
            GpuSample.withCounter(1000, 350, 1_300_000),
            GpuSample.withCounter(2500, 200, 1_800_000),
            GpuSample.ofPower(5000, 400));

    assertThat(slots)
        .singleElement()
        .satisfies(
            slot -> {
              assertThat(slot.pieceCount()).isEqualTo(3);
              assertThat(slot.piece(0))
                  .isEqualTo(new SlotEnergy.Piece(0, 1000, 300.0, 250.0, 350.0));
              assertThat(slot.piece(1))
                  .isEqualTo(new SlotEnergy.Piece(1000, 2500, 500.0, 350.0, 200.0));
              assertThat(slot.piece(2))
                  .isEqualTo(new SlotEnergy.Piece(2500, 5000, 750.0, 200.0, 400.0));
              assertThat(slot.energyJoules()).isCloseTo(1550.0, within(1e-9));
            });
  }

  @Test
  void shouldPreferCounterDeltasOverPower() {
    // The counter says 1 000 000 mJ over 5 s = 1000 J although power reads 0 W.
    final List<SlotEnergy> slots =
        feed(
            integrator,
            GpuSample.withCounter(0, 0, 7_000_000),
            GpuSample.withCounter(2000, 0, 7_400_000),
            GpuSample.withCounter(5000, 0, 8_000_000));

    assertThat(slots)
        .singleElement()
        .satisfies(slot -> assertThat(slot.energyJoules()).isCloseTo(1000.0, within(1e-9)));
  }

  @Test
  void shouldFallBackToPowerWhenTheCounterJumpsImplausibly() {
    // 1e9 mJ in 1 s would be 1 MW: treated like a reset, trapezoid 500 W × 1 s per interval.
    final List<SlotEnergy> slots =
        feed(
            integrator,
            GpuSample.withCounter(0, 500, 0),
            GpuSample.withCounter(1000, 500, 1_000_000_000L),
            GpuSample.withCounter(2000, 500, 1_000_500_000L),
            GpuSample.ofPower(5000, 500));

    assertThat(slots)
        .singleElement()
        .satisfies(
            slot -> {
              // 500 J (trapezoid) + 500 J (counter) + 1500 J (trapezoid, no counter on one side)
              assertThat(slot.energyJoules()).isCloseTo(2500.0, within(1e-9));
              assertThat(slot.counterAnomalies()).isEqualTo(1);
            });
  }

  @Test
  void shouldRefuseDuplicateOutOfOrderAndInvalidSamplesWithoutChangingState() {
    feed(integrator, GpuSample.ofPower(1000, 100), GpuSample.ofPower(2000, 100));
    final IntegratorState before = integrator.state();

    assertThat(integrator.accept(GpuSample.ofPower(2000, 999)).rejectReason())
        .isEqualTo(RejectReason.DUPLICATE);
    assertThat(integrator.accept(GpuSample.ofPower(1500, 100)).rejectReason())
        .isEqualTo(RejectReason.OUT_OF_ORDER);
    assertThat(integrator.accept(GpuSample.ofPower(3000, Double.NaN)).rejectReason())
        .isEqualTo(RejectReason.INVALID);
    assertThat(integrator.accept(GpuSample.withCounter(3000, 10, -1)).rejectReason())
        .isEqualTo(RejectReason.INVALID);
    assertThat(integrator.state()).isEqualTo(before);
  }

  @Test
  void shouldCloseTrailingTimeAsUnmeasuredOnFlushAndRefuseSamplesBeforeIt() {
    // 200 W from 0 to 2000 ms = 400 J; then silence; the punctuator flushes up to 12 000.
    feed(integrator, GpuSample.ofPower(0, 200), GpuSample.ofPower(2000, 200));
    final List<SlotEnergy> flushed = integrator.flush(12_000);

    assertThat(flushed).hasSize(2);
    assertThat(flushed.get(0).energyJoules()).isCloseTo(400.0, within(1e-9));
    assertThat(flushed.get(0).measuredMillis()).isEqualTo(2000);
    assertThat(flushed.get(0).unmeasuredMillis()).isEqualTo(3000);
    assertThat(flushed.get(1).isUnmeasured()).isTrue();
    assertThat(integrator.accept(GpuSample.ofPower(11_000, 200)).rejectReason())
        .isEqualTo(RejectReason.BEFORE_FLUSHED);
    assertThat(integrator.flush(12_000)).isEmpty();
  }

  @Test
  void shouldGiveTheSameSlotsWhenRebuiltFromStoredState() {
    final GpuSample[] trace = {
      GpuSample.withCounter(900, 120, 50_000), GpuSample.withCounter(3100, 180, 400_000),
      GpuSample.withCounter(6400, 250, 1_100_000), GpuSample.withCounter(7000, 250, 10),
      GpuSample.withCounter(9900, 300, 800_000), GpuSample.withCounter(15_100, 100, 1_400_000)
    };
    final List<SlotEnergy> straight =
        feed(new GpuSlotIntegrator(GPU, IntegratorConfig.DEFAULTS), trace);

    final GpuSlotIntegrator first = new GpuSlotIntegrator(GPU, IntegratorConfig.DEFAULTS);
    final List<SlotEnergy> resumed = new ArrayList<>(feed(first, trace[0], trace[1], trace[2]));
    final GpuSlotIntegrator second =
        new GpuSlotIntegrator(GPU, IntegratorConfig.DEFAULTS, first.state());
    resumed.addAll(feed(second, trace[3], trace[4], trace[5]));

    assertThat(resumed).hasSize(3).isEqualTo(straight);
  }

  @Test
  void shouldAlignSlotsToTheEpochWithAConfiguredLength() {
    final GpuSlotIntegrator tenSeconds =
        new GpuSlotIntegrator(GPU, new IntegratorConfig(10_000, 30_000, 5_000));
    final List<SlotEnergy> slots =
        feed(
            tenSeconds,
            GpuSample.ofPower(1_700_000_003_000L, 100),
            GpuSample.ofPower(1_700_000_011_000L, 100));

    assertThat(slots)
        .singleElement()
        .satisfies(
            slot -> {
              assertThat(slot.slotStartMillis()).isEqualTo(1_700_000_000_000L);
              assertThat(slot.slotMillis()).isEqualTo(10_000);
              assertThat(slot.energyJoules()).isCloseTo(700.0, within(1e-9));
            });
  }
}
