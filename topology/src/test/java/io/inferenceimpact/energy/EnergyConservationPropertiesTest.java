package io.inferenceimpact.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Conservation of measured energy from samples to slots to requests: random power traces with gaps,
 * random request sets, both modes.
 */
class EnergyConservationPropertiesTest {

  private static final IntegratorConfig CONFIG = IntegratorConfig.DEFAULTS;
  private static final String[] MODELS = {"llama-8b", "llama-70b", "mistral-7b"};

  /** One step of a trace: time since the previous sample, power at the new sample. */
  record Step(long deltaMillis, double powerWatts) {}

  /** A request relative to the trace start. */
  record RequestSpec(long offsetMillis, long lengthMillis, long tokens, int modelIndex) {}

  @Provide
  Arbitrary<List<Step>> traces() {
    final Arbitrary<Long> delta = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(1, 3_000)),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(3_000, 30_000)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(30_001, 70_000)));
    final Arbitrary<Double> power = Arbitraries.doubles().between(0, 1_000);
    return Combinators.combine(delta, power).as(Step::new).list().ofMinSize(1).ofMaxSize(80);
  }

  @Provide
  Arbitrary<List<RequestSpec>> requestSets() {
    return Combinators.combine(
            Arbitraries.longs().between(-5_000, 150_000),
            Arbitraries.longs().between(0, 40_000),
            Arbitraries.longs().between(0, 4_000),
            Arbitraries.integers().between(0, MODELS.length - 1))
        .as(RequestSpec::new).list().ofMaxSize(25);
  }

  static List<SlotEnergy> integrate(final List<Step> trace, final long startMillis) {
    final GpuSlotIntegrator integrator = new GpuSlotIntegrator("g0", CONFIG);
    final List<SlotEnergy> slots = new ArrayList<>();
    long time = startMillis;
    slots.addAll(integrator.accept(GpuSample.ofPower(time, trace.get(0).powerWatts())).completedSlots());
    for (final Step step : trace.subList(1, trace.size())) {
      time += step.deltaMillis();
      final SampleOutcome outcome = integrator.accept(GpuSample.ofPower(time, step.powerWatts()));
      assertThat(outcome.isAccepted()).isTrue();
      slots.addAll(outcome.completedSlots());
    }
    slots.addAll(integrator.flush(time + CONFIG.maxGapMillis() + CONFIG.slotMillis()));
    return slots;
  }

  static List<ActiveRequest> requests(final List<RequestSpec> specs, final long startMillis) {
    final List<ActiveRequest> requests = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      final RequestSpec spec = specs.get(i);
      final long start = startMillis + spec.offsetMillis();
      requests.add(new ActiveRequest(
          "r" + i, MODELS[spec.modelIndex()], start, start + spec.lengthMillis(), spec.tokens(), 1));
    }
    return requests;
  }

  /** Reference: trapezoid over the whole trace, skipping intervals longer than the gap limit. */
  static double referenceJoules(final List<Step> trace) {
    double joules = 0.0;
    for (int i = 1; i < trace.size(); i++) {
      final Step step = trace.get(i);
      if (step.deltaMillis() <= CONFIG.maxGapMillis()) {
        joules += (trace.get(i - 1).powerWatts() + step.powerWatts()) / 2 * step.deltaMillis() / 1000;
      }
    }
    return joules;
  }

  @Property(tries = 300)
  void shouldConserveMeasuredEnergyThroughSlotsAndAttribution(
      @ForAll("traces") final List<Step> trace,
      @ForAll("requestSets") final List<RequestSpec> specs,
      @ForAll final AttributionMode mode,
      @ForAll("startTimes") final long startMillis) {
    final List<SlotEnergy> slots = integrate(trace, startMillis);
    final List<ActiveRequest> requests = requests(specs, startMillis);

    double slotJoules = 0.0;
    double splitJoules = 0.0;
    String previousModel = null;
    for (final SlotEnergy slot : slots) {
      assertThat(slot.measuredMillis() + slot.unmeasuredMillis()).isEqualTo(slot.slotMillis());
      final SlotAttribution split = EnergyAttributor.attribute(slot, requests, previousModel, mode);
      assertThat(split.requests().values()).allSatisfy(share -> assertThat(share.energyJoules()).isPositive());
      assertThat(split.idleJoulesByModel().values()).allSatisfy(joules -> assertThat(joules).isPositive());
      assertThat(split.attributedJoules() + split.idleJoules())
          .isCloseTo(slot.energyJoules(), org.assertj.core.api.Assertions.within(1e-9 * (1 + slot.energyJoules())));
      slotJoules += slot.energyJoules();
      splitJoules += split.attributedJoules() + split.idleJoules();
      previousModel = split.lastServedModel();
    }
    final double reference = referenceJoules(trace);
    assertThat(slotJoules).isCloseTo(reference, org.assertj.core.api.Assertions.within(1e-6 * (1 + reference)));
    assertThat(splitJoules).isCloseTo(reference, org.assertj.core.api.Assertions.within(1e-6 * (1 + reference)));
  }

  @Provide
  Arbitrary<Long> startTimes() {
    return Arbitraries.longs().between(1_600_000_000_000L, 1_900_000_000_000L);
  }

  @Property(tries = 300)
  void shouldSplitIndependentlyOfRequestOrder(
      @ForAll("requestSets") @Size(min = 1) final List<RequestSpec> specs,
      @ForAll final AttributionMode mode,
      @ForAll final long shuffleSeed) {
    final SlotEnergy slot = new SlotEnergy("g0", 10_000, 15_000, 1234.5678, 4000, 1000, 10_500, 14_500, 0);
    final List<ActiveRequest> requests = requests(specs, 0);
    final List<ActiveRequest> shuffled = new ArrayList<>(requests);
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    assertThat(EnergyAttributor.attribute(slot, shuffled, "m0", mode))
        .isEqualTo(EnergyAttributor.attribute(slot, requests, "m0", mode));
  }

  @Property(tries = 300)
  void shouldRebuildTheNewSplitFromOldPlusDelta(
      @ForAll("requestSets") final List<RequestSpec> specs,
      @ForAll("requestSets") final List<RequestSpec> lateSpecs,
      @ForAll final AttributionMode mode) {
    final SlotEnergy slot = SlotEnergy.fullyMeasured("g0", 20_000, 25_000, 987.25);
    final List<ActiveRequest> early = requests(specs, 0);
    final List<ActiveRequest> all = new ArrayList<>(early);
    for (final ActiveRequest late : requests(lateSpecs, 0)) {
      all.add(new ActiveRequest("late-" + late.requestId(), late.model(), late.startMillis(),
          late.endMillis(), late.tokens(), 1));
    }
    final SlotAttribution before = EnergyAttributor.attribute(slot, early, "m0", mode);
    final SlotAttribution after = EnergyAttributor.attribute(slot, all, "m0", mode);

    final AttributionDelta delta = AttributionDelta.between(before, after);
    final SlotAttribution rebuilt = before.apply(delta);

    assertThat(rebuilt.requests().keySet()).isEqualTo(after.requests().keySet());
    assertThat(rebuilt.idleJoulesByModel().keySet()).isEqualTo(after.idleJoulesByModel().keySet());
    after.requests().forEach((id, share) -> assertThat(rebuilt.requests().get(id).energyJoules())
        .isCloseTo(share.energyJoules(), org.assertj.core.api.Assertions.within(1e-9)));
    after.idleJoulesByModel().forEach((model, joules) -> assertThat(rebuilt.idleJoulesByModel().get(model))
        .isCloseTo(joules, org.assertj.core.api.Assertions.within(1e-9)));
    double deltaSum = 0.0;
    for (final RequestEnergy change : delta.requestDeltas().values()) {
      deltaSum += change.energyJoules();
    }
    for (final double change : delta.idleDeltaJoulesByModel().values()) {
      deltaSum += change;
    }
    assertThat(deltaSum).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-9));
  }
}
