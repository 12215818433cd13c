package io.inferenceimpact.attribution;

import static io.inferenceimpact.testing.PropertyCheck.doubleBetween;
import static io.inferenceimpact.testing.PropertyCheck.forAll;
import static io.inferenceimpact.testing.PropertyCheck.listOf;
import static io.inferenceimpact.testing.PropertyCheck.longBetween;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cumulative counter path of {@link GpuSlotIntegrator}: totals, resets, resumable state. */
class CounterIntegrationPropertiesTest {

  private static final IntegratorConfig CONFIG = IntegratorConfig.DEFAULTS;

  /**
   * One step: time since the previous sample, mean power over the interval (drives the counter),
   * and whether the driver reloaded during it (the counter then restarts from {@code resetTo}).
   */
  record CounterStep(
      long deltaMillis, double meanPowerWatts, boolean reset, long resetToMillijoules) {}

  /** A trace and a counter start value. */
  record CounterCase(List<CounterStep> trace, long counterStart) {}

  /** A trace and where to stop, store the state and resume. */
  record ResumeCase(List<CounterStep> trace, double splitFraction) {}

  /** 1 to 60 steps, a driver reload in about one step of eight. */
  static List<CounterStep> counterTrace(final SplittableRandom random) {
    return listOf(
        random,
        1,
        60,
        r ->
            new CounterStep(
                longBetween(r, 1, 30_000),
                doubleBetween(r, 0, 1_500),
                r.nextInt(8) == 7,
                longBetween(r, 0, 5_000_000)));
  }

  /**
   * Samples of a trace starting at {@code counterStart} mJ; power readings equal the mean power.
   */
  static List<GpuSample> samples(
      final List<CounterStep> trace, final long counterStart, final boolean withResets) {
    final List<GpuSample> samples = new ArrayList<>();
    long time = 1_700_000_000_123L;
    long counter = counterStart;
    samples.add(GpuSample.withCounter(time, trace.get(0).meanPowerWatts(), counter));
    for (final CounterStep step : trace.subList(1, trace.size())) {
      time += step.deltaMillis();
      final long increment = Math.round(step.meanPowerWatts() * step.deltaMillis());
      counter = withResets && step.reset() ? step.resetToMillijoules() : counter + increment;
      samples.add(GpuSample.withCounter(time, step.meanPowerWatts(), counter));
    }
    return samples;
  }

  static List<SlotEnergy> integrate(
      final GpuSlotIntegrator integrator, final List<GpuSample> samples) {
    final List<SlotEnergy> slots = new ArrayList<>();
    for (final GpuSample sample : samples) {
      slots.addAll(integrator.accept(sample).completedSlots());
    }
    return slots;
  }

  static List<SlotEnergy> integrateAndFlush(final List<GpuSample> samples) {
    final GpuSlotIntegrator integrator = new GpuSlotIntegrator("g0", CONFIG);
    final List<SlotEnergy> slots = integrate(integrator, samples);
    slots.addAll(
        integrator.flush(samples.get(samples.size() - 1).timeMillis() + CONFIG.maxGapMillis() + 1));
    return slots;
  }

  @Test
  void shouldMatchTheCounterTotalWhenThereIsNoReset() {
    forAll(
        300,
        0x5EED_0001L,
        random -> new CounterCase(counterTrace(random), longBetween(random, 0, 1_000_000_000_000L)),
        CounterIntegrationPropertiesTest::matchesTheCounterTotal);
  }

  private static void matchesTheCounterTotal(final CounterCase input) {
    final long counterStart = input.counterStart();
    final List<GpuSample> samples = samples(input.trace(), counterStart, false);
    final List<SlotEnergy> slots = integrateAndFlush(samples);

    final double slotJoules = slots.stream().mapToDouble(SlotEnergy::energyJoules).sum();
    final double counterJoules =
        (samples.get(samples.size() - 1).energyMillijoules() - counterStart) / 1000.0;
    assertThat(slotJoules).isCloseTo(counterJoules, within(1e-6 * (1 + counterJoules)));
    assertThat(slots).allSatisfy(slot -> assertThat(slot.counterAnomalies()).isZero());
  }

  @Test
  void shouldNeverProduceNegativeEnergyAcrossCounterResets() {
    forAll(
        300,
        0x5EED_0002L,
        CounterIntegrationPropertiesTest::counterTrace,
        CounterIntegrationPropertiesTest::neverNegativeAcrossResets);
  }

  private static void neverNegativeAcrossResets(final List<CounterStep> trace) {
    final List<GpuSample> samples = samples(trace, 3_000_000, true);
    final List<SlotEnergy> slots = integrateAndFlush(samples);

    // Every interval here is within the gap limit; a drop, or a jump above the plausible power,
    // is an anomaly handled by the power trapezoid.
    long anomalies = 0;
    for (int i = 1; i < samples.size(); i++) {
      final long deltaMillijoules =
          samples.get(i).energyMillijoules() - samples.get(i - 1).energyMillijoules();
      final long intervalMillis = samples.get(i).timeMillis() - samples.get(i - 1).timeMillis();
      if (deltaMillijoules < 0
          || (double) deltaMillijoules / intervalMillis > CONFIG.maxPlausiblePowerWatts()) {
        anomalies++;
      }
    }
    assertThat(slots)
        .allSatisfy(
            slot -> {
              assertThat(slot.energyJoules()).isGreaterThanOrEqualTo(0.0).isFinite();
              assertThat(slot.measuredMillis() + slot.unmeasuredMillis())
                  .isEqualTo(slot.slotMillis());
            });
    assertThat(slots.stream().mapToLong(SlotEnergy::counterAnomalies).sum()).isEqualTo(anomalies);
  }

  @Test
  void shouldGiveTheSameSlotsWhenResumedFromStoredState() {
    forAll(
        300,
        0x5EED_0003L,
        random -> new ResumeCase(counterTrace(random), doubleBetween(random, 0, 1)),
        CounterIntegrationPropertiesTest::resumesIdentically);
  }

  private static void resumesIdentically(final ResumeCase input) {
    final List<GpuSample> samples = samples(input.trace(), 42, true);
    final int split = (int) Math.floor(samples.size() * input.splitFraction());
    final List<SlotEnergy> straight = integrate(new GpuSlotIntegrator("g0", CONFIG), samples);

    final GpuSlotIntegrator first = new GpuSlotIntegrator("g0", CONFIG);
    final List<SlotEnergy> resumed = integrate(first, samples.subList(0, split));
    resumed.addAll(
        integrate(
            new GpuSlotIntegrator("g0", CONFIG, first.state()),
            samples.subList(split, samples.size())));

    assertThat(resumed).isEqualTo(straight);
  }
}
