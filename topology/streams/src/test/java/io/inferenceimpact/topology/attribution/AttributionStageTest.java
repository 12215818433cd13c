package io.inferenceimpact.topology.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.accounting.ImpactAccounting;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.RequestImpact;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-computed scenarios of measured attribution through the wired topology. Defaults: 5 s
 * slots, node-1 unknown to fleet config → 1200 W server over 8 GPUs (150 W per GPU), PUE 1.2, zone
 * WORLD at 473.01 g/kWh (FALLBACK). Times are ms after {@link AttributionDriver#T0}.
 */
class AttributionStageTest {
  private static final double EPS = 1e-6;
  private AttributionDriver driver;

  @BeforeEach
  void setUp() {
    driver = new AttributionDriver("attribution-stage-test");
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldGiveALoneRequestItsSlotAndChargeTheRestAsIdle() {
    driver.steady("GPU-A", 0, 20_000, 300.0);
    driver.request("r1", "llama", 5_000, 10_000, "GPU-A");
    driver.finishAll();

    final RequestImpact impact = single(driver.impacts());
    assertThat(impact.getMethod()).isEqualTo(ImpactMethod.MEASURED);
    assertThat(impact.getGpuEnergyJoules()).isCloseTo(1_500.0, within(EPS));
    assertThat(impact.getServerEnergyJoules()).isCloseTo(750.0, within(EPS));
    assertThat(impact.getFacilityEnergyJoules()).isCloseTo(2_700.0, within(EPS));
    assertThat(impact.getZone()).isEqualTo("WORLD");
    assertThat(impact.getIntensitySource()).isEqualTo("FALLBACK");
    assertThat(impact.getOperationalEmissionsGrams())
        .isCloseTo(2_700.0 / 3.6e6 * 473.01, within(1e-12));
    // Water: on-site IT 2 250 J = 0.000625 kWh × WUE 0.569 L/kWh = 0.355625 mL; off-site facility
    // 2 700 J = 0.00075 kWh × 3.908 L/kWh (world electricity, EcoLogits' mixes / WRI) = 2.931 mL.
    assertThat(impact.getWaterOnsiteLitres()).isCloseTo(0.355625e-3, within(1e-12));
    assertThat(impact.getWaterOffsiteLitres()).isCloseTo(2.931e-3, within(1e-12));
    assertThat(impact.getWaterLitres()).isCloseTo(0.355625e-3 + 2.931e-3, within(1e-12));
    final double lifetimeSeconds = 3 * ImpactAccounting.SECONDS_PER_YEAR;
    assertThat(impact.getEmbodiedEmissionsGrams())
        .isCloseTo((5_700_000.0 + 8 * 164_000.0) * 5.0 / lifetimeSeconds / 8, within(1e-12));
    final Map<String, Double> idle = idleGpuJoulesByModel();
    assertThat(idle).containsOnlyKeys("unknown", "llama");
    assertThat(idle.get("unknown")).isCloseTo(1_500.0, within(EPS));
    assertThat(idle.get("llama")).isCloseTo(3_000.0, within(EPS));
    assertThat(driver.counter("unknown-node-requests")).isEqualTo(1.0);
  }

  @Test
  void shouldShareEachInstantAmongTheRequestsRunningThen() {
    driver.steady("GPU-A", 0, 10_000, 400.0);
    driver.request("long", "llama", 0, 10_000, "GPU-A");
    driver.request("short", "llama", 2_500, 7_500, "GPU-A");
    driver.finishAll();

    // 400 W: [0, 2500) long alone 1000 J; [2500, 7500) 2000 J, half each; [7500, 10 000) long
    // alone 1000 J. long = 3000 J, short = 1000 J.
    final Map<String, Double> gpuJoules = gpuJoulesById(driver.impacts());
    assertThat(gpuJoules.get("long")).isCloseTo(3_000.0, within(EPS));
    assertThat(gpuJoules.get("short")).isCloseTo(1_000.0, within(EPS));
    assertThat(idleGpuJoulesByModel().values().stream().mapToDouble(d -> d).sum())
        .isCloseTo(0.0, within(EPS));
  }

  @Test
  void shouldSumATensorParallelRequestOverItsFourGpusOnce() {
    for (int g = 0; g < 4; g++) {
      driver.steady("GPU-" + g, 0, 15_000, 100.0 * (g + 1));
    }
    driver.request("tp", "llama-70b", 5_000, 10_000, "GPU-0", "GPU-1", "GPU-2", "GPU-3");
    driver.finishAll();

    final RequestImpact impact = single(driver.impacts());
    assertThat(impact.getGpuEnergyJoules()).isCloseTo(5.0 * (100 + 200 + 300 + 400), within(EPS));
    assertThat(impact.getServerEnergyJoules()).isCloseTo(4 * 750.0, within(EPS));
    assertThat(impact.getEmbodiedEmissionsGrams())
        .isCloseTo(
            (5_700_000.0 + 8 * 164_000.0) * 5.0 / (3 * ImpactAccounting.SECONDS_PER_YEAR) * 4 / 8,
            within(1e-12));
  }

  @Test
  void shouldNeverGoNegativeAcrossACounterResetMidRequest() {
    long counter = 5_000_000;
    for (int s = 0; s <= 15; s++) {
      counter = s == 7 ? 1_000 : counter + 250_000; // 250 J per second; driver reload at 7 s
      driver.sample("GPU-A", s * 1_000L, 250.0, counter);
    }
    driver.request("r", "llama", 5_000, 10_000, "GPU-A");
    driver.finishAll();

    // Counter deltas give 250 J per second; the reset second falls back to the power trapezoid.
    assertThat(single(driver.impacts()).getGpuEnergyJoules()).isCloseTo(1_250.0, within(EPS));
  }

  @Test
  void shouldReportASamplingGapAsUnmeasuredWithoutInventingEnergy() {
    driver.steady("GPU-A", 0, 5_000, 300.0);
    driver.steady("GPU-A", 45_000, 50_000, 300.0); // 40 s silence > 30 s maxSampleGap
    driver.request("r", "llama", 0, 10_000, "GPU-A");
    driver.finishAll();

    final RequestImpact impact = single(driver.impacts());
    assertThat(impact.getMethod()).isEqualTo(ImpactMethod.MIXED);
    // 1 500 J measured; the estimation stage adds its estimate for the unmeasured 5 s
    // (MixedCompletionTest checks that number), nothing is invented for the measured part.
    assertThat(impact.getGpuEnergyJoules()).isGreaterThan(1_500.0 + EPS);
  }

  @Test
  void shouldGiveALateRequestWithinGraceItsShareAndReduceIdle() {
    driver.steady("GPU-A", 0, 60_000, 300.0);
    driver.request("late", "llama", 5_000, 10_000, "GPU-A"); // after 50 s more of samples
    driver.finishAll();

    assertThat(single(driver.impacts()).getGpuEnergyJoules()).isCloseTo(1_500.0, within(EPS));
    final double idle = idleGpuJoulesByModel().values().stream().mapToDouble(d -> d).sum();
    assertThat(idle).isCloseTo(60 * 300.0 - 1_500.0, within(EPS));
    assertThat(driver.dlq().isEmpty()).isTrue();
  }

  @Test
  void shouldSendARequestBeyondGraceToTheDlqAsLate() {
    driver.steady("GPU-A", 0, 20_000, 300.0);
    driver.finishAll();
    driver.request("too-late", "llama", 5_000, 10_000, "GPU-A");
    driver.finishAll();

    assertThat(driver.impacts()).isEmpty();
    final List<TestRecord<byte[], byte[]>> dlq = driver.dlq().readRecordsToList();
    assertThat(dlq).hasSize(1);
    assertThat(new String(dlq.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("too-late");
    assertThat(
            new String(
                dlq.get(0).headers().lastHeader("impact.dlq.reason").value(),
                StandardCharsets.UTF_8))
        .isEqualTo("late");
    assertThat(driver.decodeRequest(dlq.get(0).value()))
        .isEqualTo(AttributionDriver.requestOf("too-late", "llama", 5_000, 10_000, "GPU-A"));
    assertThat(driver.counter("late-requests")).isEqualTo(1.0);
    assertThat(idleGpuJoulesByModel().values().stream().mapToDouble(d -> d).sum())
        .isCloseTo(20 * 300.0, within(EPS));
  }

  @Test
  void shouldCountRequestsWithoutGpusAsUnmeasuredInsteadOfAttributingThem() {
    driver.request("hosted", "gpt", 0, 1_000);
    driver.finishAll();

    // Not attributed: the estimation stage gives it an ESTIMATED record instead.
    assertThat(driver.impacts())
        .singleElement()
        .satisfies(i -> assertThat(i.getMethod()).isEqualTo(ImpactMethod.ESTIMATED));
    assertThat(driver.dlq().isEmpty()).isTrue();
    assertThat(driver.counter("unmeasured-requests")).isEqualTo(1.0);
  }

  /** Idle GPU joules per model emitted so far (reads the output: call once per check). */
  private Map<String, Double> idleGpuJoulesByModel() {
    return driver.idle().stream()
        .collect(
            Collectors.groupingBy(
                IdleEnergy::model, TreeMap::new, Collectors.summingDouble(IdleEnergy::gpuJoules)));
  }

  private static Map<String, Double> gpuJoulesById(final List<RequestImpact> impacts) {
    return impacts.stream()
        .collect(Collectors.toMap(RequestImpact::getRequestId, RequestImpact::getGpuEnergyJoules));
  }

  private static RequestImpact single(final List<RequestImpact> impacts) {
    assertThat(impacts).hasSize(1);
    return impacts.get(0);
  }
}
