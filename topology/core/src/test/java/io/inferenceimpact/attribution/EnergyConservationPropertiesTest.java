package io.inferenceimpact.attribution;

import static io.inferenceimpact.testing.PropertyCheck.doubleBetween;
import static io.inferenceimpact.testing.PropertyCheck.forAll;
import static io.inferenceimpact.testing.PropertyCheck.intBetween;
import static io.inferenceimpact.testing.PropertyCheck.listOf;
import static io.inferenceimpact.testing.PropertyCheck.longBetween;
import static io.inferenceimpact.testing.PropertyCheck.oneOf;
import static io.inferenceimpact.testing.PropertyCheck.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.testing.PropertyCheck.Weighted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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

  /** Conservation input: a trace, requests, a mode and a start time. */
  record TraceCase(
      List<Step> trace, List<RequestSpec> specs, AttributionMode mode, long startMillis) {}

  /** Order input: requests, a mode and the seed of the shuffle. */
  record OrderCase(List<RequestSpec> specs, AttributionMode mode, long shuffleSeed) {}

  /** Late-request input: the requests known first, the late ones, a mode. */
  record LateCase(List<RequestSpec> specs, List<RequestSpec> lateSpecs, AttributionMode mode) {}

  /** Sample spacing: mostly short, sometimes long, sometimes a gap over the 30 s limit. */
  private static final List<Weighted<Long>> DELTAS =
      List.of(
          new Weighted<>(20, r -> longBetween(r, 1, 3_000)),
          new Weighted<>(2, r -> longBetween(r, 3_000, 30_000)),
          new Weighted<>(1, r -> longBetween(r, 30_001, 70_000)));

  /** 1 to 80 steps, power 0..1000 W. */
  static List<Step> trace(final SplittableRandom random) {
    return listOf(random, 1, 80, r -> new Step(weighted(r, DELTAS), doubleBetween(r, 0, 1_000)));
  }

  /** {@code minSize} to 25 requests around a 150 s window. */
  static List<RequestSpec> requestSet(final SplittableRandom random, final int minSize) {
    return listOf(
        random,
        minSize,
        25,
        r ->
            new RequestSpec(
                longBetween(r, -5_000, 150_000),
                longBetween(r, 0, 40_000),
                longBetween(r, 0, 4_000),
                intBetween(r, 0, MODELS.length - 1)));
  }

  static AttributionMode mode(final SplittableRandom random) {
    return oneOf(random, AttributionMode.values());
  }

  static List<SlotEnergy> integrate(final List<Step> trace, final long startMillis) {
    final GpuSlotIntegrator integrator = new GpuSlotIntegrator("g0", CONFIG);
    final List<SlotEnergy> slots = new ArrayList<>();
    long time = startMillis;
    slots.addAll(
        integrator.accept(GpuSample.ofPower(time, trace.get(0).powerWatts())).completedSlots());
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
      requests.add(
          new ActiveRequest(
              "r" + i,
              MODELS[spec.modelIndex()],
              start,
              start + spec.lengthMillis(),
              spec.tokens(),
              1));
    }
    return requests;
  }

  /** Reference: trapezoid over the whole trace, skipping intervals longer than the gap limit. */
  static double referenceJoules(final List<Step> trace) {
    double joules = 0.0;
    for (int i = 1; i < trace.size(); i++) {
      final Step step = trace.get(i);
      if (step.deltaMillis() <= CONFIG.maxGapMillis()) {
        joules +=
            (trace.get(i - 1).powerWatts() + step.powerWatts()) / 2 * step.deltaMillis() / 1000;
      }
    }
    return joules;
  }

  @Test
  void shouldConserveMeasuredEnergyThroughSlotsAndAttribution() {
    forAll(
        300,
        0x5EED_0011L,
        random ->
            new TraceCase(
                trace(random),
                requestSet(random, 0),
                mode(random),
                longBetween(random, 1_600_000_000_000L, 1_900_000_000_000L)),
        EnergyConservationPropertiesTest::conservesEnergy);
  }

  private static void conservesEnergy(final TraceCase input) {
    final List<Step> trace = input.trace();
    final AttributionMode mode = input.mode();
    final long startMillis = input.startMillis();
    final List<RequestSpec> specs = input.specs();
    final List<SlotEnergy> slots = integrate(trace, startMillis);
    final List<ActiveRequest> requests = requests(specs, startMillis);

    double slotJoules = 0.0;
    double splitJoules = 0.0;
    String previousModel = null;
    for (final SlotEnergy slot : slots) {
      assertThat(slot.measuredMillis() + slot.unmeasuredMillis()).isEqualTo(slot.slotMillis());
      final SlotAttribution split = EnergyAttributor.attribute(slot, requests, previousModel, mode);
      assertThat(split.requests().values())
          .allSatisfy(share -> assertThat(share.energyJoules()).isPositive());
      assertThat(split.idleJoulesByModel().values())
          .allSatisfy(joules -> assertThat(joules).isPositive());
      assertThat(split.attributedJoules() + split.idleJoules())
          .isCloseTo(slot.energyJoules(), within(1e-9 * (1 + slot.energyJoules())));
      slotJoules += slot.energyJoules();
      splitJoules += split.attributedJoules() + split.idleJoules();
      previousModel = split.lastServedModel();
    }
    final double reference = referenceJoules(trace);
    assertThat(slotJoules).isCloseTo(reference, within(1e-6 * (1 + reference)));
    assertThat(splitJoules).isCloseTo(reference, within(1e-6 * (1 + reference)));
  }

  @Test
  void shouldSplitIndependentlyOfRequestOrder() {
    forAll(
        300,
        0x5EED_0012L,
        random -> new OrderCase(requestSet(random, 1), mode(random), random.nextLong()),
        EnergyConservationPropertiesTest::splitsIndependentlyOfOrder);
  }

  private static void splitsIndependentlyOfOrder(final OrderCase input) {
    final List<RequestSpec> specs = input.specs();
    final AttributionMode mode = input.mode();
    final long shuffleSeed = input.shuffleSeed();
    final SlotEnergy slot =
        new SlotEnergy("g0", 10_000, 15_000, 1234.5678, 4000, 1000, 10_500, 14_500, 0);
    final List<ActiveRequest> requests = requests(specs, 0);
    final List<ActiveRequest> shuffled = new ArrayList<>(requests);
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    assertThat(EnergyAttributor.attribute(slot, shuffled, "m0", mode))
        .isEqualTo(EnergyAttributor.attribute(slot, requests, "m0", mode));
  }

  @Test
  void shouldRebuildTheNewSplitFromOldPlusDelta() {
    forAll(
        300,
        0x5EED_0013L,
        random -> new LateCase(requestSet(random, 0), requestSet(random, 0), mode(random)),
        EnergyConservationPropertiesTest::rebuildsFromDelta);
  }

  private static void rebuildsFromDelta(final LateCase input) {
    final List<RequestSpec> specs = input.specs();
    final List<RequestSpec> lateSpecs = input.lateSpecs();
    final AttributionMode mode = input.mode();
    final SlotEnergy slot = SlotEnergy.fullyMeasured("g0", 20_000, 25_000, 987.25);
    final List<ActiveRequest> early = requests(specs, 0);
    final List<ActiveRequest> all = new ArrayList<>(early);
    for (final ActiveRequest late : requests(lateSpecs, 0)) {
      all.add(
          new ActiveRequest(
              "late-" + late.requestId(),
              late.model(),
              late.startMillis(),
              late.endMillis(),
              late.tokens(),
              1));
    }
    final SlotAttribution before = EnergyAttributor.attribute(slot, early, "m0", mode);
    final SlotAttribution after = EnergyAttributor.attribute(slot, all, "m0", mode);

    final AttributionDelta delta = AttributionDelta.between(before, after);
    final SlotAttribution rebuilt = before.apply(delta);

    assertThat(rebuilt.requests().keySet()).isEqualTo(after.requests().keySet());
    assertThat(rebuilt.idleJoulesByModel().keySet()).isEqualTo(after.idleJoulesByModel().keySet());
    after
        .requests()
        .forEach(
            (id, share) ->
                assertThat(rebuilt.requests().get(id).energyJoules())
                    .isCloseTo(share.energyJoules(), within(1e-9)));
    after
        .idleJoulesByModel()
        .forEach(
            (model, joules) ->
                assertThat(rebuilt.idleJoulesByModel().get(model)).isCloseTo(joules, within(1e-9)));
    double deltaSum = 0.0;
    for (final RequestEnergy change : delta.requestDeltas().values()) {
      deltaSum += change.energyJoules();
    }
    for (final double change : delta.idleDeltaJoulesByModel().values()) {
      deltaSum += change;
    }
    assertThat(deltaSum).isCloseTo(0.0, within(1e-9));
  }
}
