package io.inferenceimpact.topology.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.attribution.GpuSample;
import io.inferenceimpact.attribution.GpuSlotIntegrator;
import io.inferenceimpact.attribution.IntegratorConfig;
import io.inferenceimpact.attribution.SlotEnergy;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.testing.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Conservation through the wired topology: over random GPUs, power traces (with gaps and counters)
 * and requests (single- and multi-GPU), Σ RequestImpact GPU energy + Σ idle GPU energy equals the
 * energy the pure integrator measures from the same samples.
 */
class AttributionConservationTest {
  private static final IntegratorConfig SLOTS = new IntegratorConfig(5_000, 30_000, 5_000.0);

  record Scenario(List<List<GpuSample>> traces, List<Req> requests) {}

  record Req(String id, String model, long start, long end, List<String> gpus) {}

  @Test
  void shouldConserveMeasuredEnergyAcrossRequestsAndIdle() {
    PropertyCheck.forAll(
        30,
        4_2024L,
        AttributionConservationTest::scenario,
        scenario -> {
          try (AttributionDriver driver = new AttributionDriver("attribution-conservation")) {
            double measured = 0.0;
            for (int g = 0; g < scenario.traces().size(); g++) {
              final GpuSlotIntegrator integrator = new GpuSlotIntegrator("GPU-" + g, SLOTS);
              for (final GpuSample s : scenario.traces().get(g)) {
                driver.sample("GPU-" + g, s.timeMillis(), s.powerWatts(), s.energyMillijoules());
                measured += sum(integrator.accept(s).completedSlots());
              }
              measured += sum(integrator.flush(300_000));
            }
            for (final Req r : scenario.requests()) {
              driver.request(
                  r.id(), r.model(), r.start(), r.end(), r.gpus().toArray(String[]::new));
            }
            driver.finishAll();
            final List<RequestImpact> impacts = driver.impacts();
            // The measured part only: MIXED records also carry an estimate for sampling gaps.
            final double attributed =
                driver.measured().stream().mapToDouble(MeasuredRequestEnergy::gpuJoules).sum();
            final double idle = driver.idle().stream().mapToDouble(IdleEnergy::gpuJoules).sum();
            assertThat(impacts).hasSize(scenario.requests().size());
            assertThat(impacts).allSatisfy(i -> assertThat(i.getGpuEnergyJoules()).isNotNegative());
            assertThat(attributed + idle)
                .isCloseTo(
                    measured, org.assertj.core.api.Assertions.within(1e-9 * measured + 1e-9));
          }
        });
  }

  private static double sum(final List<SlotEnergy> slots) {
    return slots.stream().mapToDouble(SlotEnergy::energyJoules).sum();
  }

  private static Scenario scenario(final SplittableRandom random) {
    final int gpus = PropertyCheck.intBetween(random, 1, 3);
    final List<List<GpuSample>> traces = new ArrayList<>();
    for (int g = 0; g < gpus; g++) {
      final List<GpuSample> trace = new ArrayList<>();
      final boolean counter = random.nextBoolean();
      long t = PropertyCheck.longBetween(random, 0, 4_000);
      long mj = 1_000_000;
      while (t < 90_000) {
        final double watts = PropertyCheck.doubleBetween(random, 50, 700);
        mj = random.nextInt(40) == 0 ? 0 : mj + (long) (watts * 1000);
        trace.add(counter ? GpuSample.withCounter(t, watts, mj) : GpuSample.ofPower(t, watts));
        t += random.nextInt(20) == 0 ? 35_000 : PropertyCheck.longBetween(random, 200, 3_000);
      }
      traces.add(trace);
    }
    final List<Req> requests = new ArrayList<>();
    final int count = PropertyCheck.intBetween(random, 0, 8);
    for (int i = 0; i < count; i++) {
      final long start = PropertyCheck.longBetween(random, 0, 85_000);
      final long end = start + PropertyCheck.longBetween(random, 0, 20_000);
      final List<String> on = new ArrayList<>();
      for (int g = 0; g < gpus; g++) {
        if (on.isEmpty() || random.nextBoolean()) {
          on.add("GPU-" + g);
        }
      }
      requests.add(new Req("r" + i, PropertyCheck.oneOf(random, "m1", "m2"), start, end, on));
    }
    return new Scenario(traces, requests);
  }
}
