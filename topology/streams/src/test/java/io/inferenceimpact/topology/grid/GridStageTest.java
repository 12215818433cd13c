package io.inferenceimpact.topology.grid;

import static io.inferenceimpact.topology.grid.GridDriver.T0;
import static io.inferenceimpact.topology.grid.GridDriver.intensity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.RequestImpact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The as-of grid join through the wired topology. A lone request of 5 s on one GPU at 300 W, node
 * unknown to fleet config (150 W server share, PUE 1.2): facility 2 700 J = 0.00075 kWh. Defaults:
 * staleness limit 2 h; annual factors DE 344.14, SE 35.82, world 473.01 g/kWh.
 */
class GridStageTest {
  private static final double FACILITY_KWH = 2_700.0 / 3.6e6;
  private GridDriver driver;

  @BeforeEach
  void setUp() {
    driver = new GridDriver("grid-stage-test");
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldGiveLateEnergyTheIntensityValidAtItsTimeNotTheLatest() {
    driver.grid(intensity("DE", -1_800_000, 100.0));
    driver.grid(intensity("DE", 30_000, 500.0));
    driver.grid(intensity("DE", 60_000, 700.0));
    driver.steady("GPU-A", 0, 50_000, 300.0);
    // Both requests arrive after all three values: each joins the one valid at its end time.
    driver.request("early", "DE", 5_000, 10_000, "GPU-A");
    driver.request("later", "DE", 35_000, 40_000, "GPU-A");
    driver.finishAll();

    final Map<String, RequestImpact> impacts = driver.impacts();
    final RequestImpact early = impacts.get("early");
    assertThat(early.getIntensityGPerKwh()).isEqualTo(100.0);
    assertThat(early.getIntensitySource()).isEqualTo("electricitymaps");
    assertThat(early.getIntensityValidFrom()).isEqualTo(Instant.ofEpochMilli(T0 - 1_800_000));
    assertThat(early.getOperationalEmissionsGrams()).isCloseTo(FACILITY_KWH * 100.0, within(1e-12));
    final RequestImpact later = impacts.get("later");
    assertThat(later.getIntensityGPerKwh()).isEqualTo(500.0);
    assertThat(later.getIntensityValidFrom()).isEqualTo(Instant.ofEpochMilli(T0 + 30_000));
    assertThat(later.getOperationalEmissionsGrams()).isCloseTo(FACILITY_KWH * 500.0, within(1e-12));
    assertThat(driver.counter("impacts-intensity-fallback")).isZero();
  }

  @Test
  void shouldPriceAMeasuredRequestEndingExactlyOnANewValueWithTheEarlierValue() {
    driver.grid(intensity("DE", -1_800_000, 100.0));
    driver.grid(intensity("DE", 10_000, 500.0));
    driver.steady("GPU-A", 0, 30_000, 300.0);
    // [5 s, 10 s): all its energy was used before the 500 g/kWh value became valid.
    driver.request("before", "DE", 5_000, 10_000, "GPU-A");
    driver.request("after", "DE", 15_000, 20_000, "GPU-A");
    driver.finishAll();

    final Map<String, RequestImpact> impacts = driver.impacts();
    assertThat(impacts.get("before").getIntensityGPerKwh()).isEqualTo(100.0);
    assertThat(impacts.get("before").getIntensityValidFrom())
        .isEqualTo(Instant.ofEpochMilli(T0 - 1_800_000));
    assertThat(impacts.get("after").getIntensityGPerKwh()).isEqualTo(500.0);
  }

  @Test
  void shouldWeightAnEstimatedRequestsIntensityByTheTimeEachValueWasValidDuringIt() {
    driver.grid(intensity("DE", -1_800_000, 100.0));
    driver.grid(intensity("DE", 4_000, 500.0));
    driver.grid(intensity("DE", 9_000, 700.0));
    driver.estimated("spanning", "DE", 0, 10_000);
    driver.estimated("inside", "DE", 4_000, 9_000);
    driver.finishAll();

    final Map<String, RequestImpact> impacts = driver.impacts();
    final RequestImpact spanning = impacts.get("spanning");
    // Even power over [0, 10 s): 4 s at 100, 5 s at 500, 1 s at 700 g/kWh.
    final double weighted = (4 * 100.0 + 5 * 500.0 + 1 * 700.0) / 10;
    assertThat(spanning.getIntensityGPerKwh()).isCloseTo(weighted, within(1e-9));
    assertThat(spanning.getIntensitySource()).isEqualTo("electricitymaps");
    assertThat(spanning.getIntensityValidFrom()).isEqualTo(Instant.ofEpochMilli(T0 + 9_000));
    assertThat(spanning.getOperationalEmissionsGrams())
        .isCloseTo(spanning.getFacilityEnergyJoules() / 3.6e6 * weighted, within(1e-12));
    // [4 s, 9 s) lies within the 500 g/kWh value: half-open at both ends.
    assertThat(impacts.get("inside").getIntensityGPerKwh()).isEqualTo(500.0);
    assertThat(driver.counter("impacts-intensity-fallback")).isZero();
  }

  @Test
  void shouldFallBackWhenStaleAndReturnToLiveWhenAFreshValueArrives() {
    // 3 h before the first request: older than the 2 h staleness limit.
    driver.grid(intensity("DE", -3 * 3_600_000, 100.0));
    driver.steady("GPU-A", 0, 80_000, 300.0);
    driver.request("stale", "DE", 5_000, 10_000, "GPU-A");
    driver.grid(intensity("DE", 60_000, 250.0));
    driver.request("fresh", "DE", 65_000, 70_000, "GPU-A");
    driver.finishAll();

    final Map<String, RequestImpact> impacts = driver.impacts();
    final RequestImpact stale = impacts.get("stale");
    assertThat(stale.getIntensitySource()).isEqualTo(GridLookup.FALLBACK_SOURCE);
    assertThat(stale.getIntensityGPerKwh()).isEqualTo(344.14);
    assertThat(stale.getIntensityValidFrom()).isNull();
    assertThat(stale.getOperationalEmissionsGrams())
        .isCloseTo(FACILITY_KWH * 344.14, within(1e-12));
    final RequestImpact fresh = impacts.get("fresh");
    assertThat(fresh.getIntensitySource()).isEqualTo("electricitymaps");
    assertThat(fresh.getIntensityGPerKwh()).isEqualTo(250.0);
    assertThat(driver.counter("impacts-intensity-fallback")).isEqualTo(1.0);
    assertThat(driver.counter("impacts-unknown-zone")).isZero();
  }

  @Test
  void shouldUseTheZoneFactorWithoutLiveValuesAndTheWorldFactorForAnUnknownZone() {
    driver.steady("GPU-A", 0, 20_000, 300.0);
    driver.steady("GPU-B", 0, 20_000, 300.0);
    driver.request("sweden", "SE", 5_000, 10_000, "GPU-A");
    driver.request("nowhere", "XX", 5_000, 10_000, "GPU-B");
    driver.finishAll();

    final Map<String, RequestImpact> impacts = driver.impacts();
    assertThat(impacts.get("sweden").getIntensityGPerKwh()).isEqualTo(35.82);
    assertThat(impacts.get("sweden").getIntensitySource()).isEqualTo("FALLBACK");
    assertThat(impacts.get("nowhere").getIntensityGPerKwh()).isEqualTo(473.01);
    assertThat(impacts.get("nowhere").getIntensitySource()).isEqualTo("FALLBACK");
    assertThat(impacts.get("nowhere").getOperationalEmissionsGrams())
        .isCloseTo(FACILITY_KWH * 473.01, within(1e-12));
    assertThat(driver.counter("impacts-intensity-fallback")).isEqualTo(1.0);
    assertThat(driver.counter("impacts-unknown-zone")).isEqualTo(1.0);
  }

  @Test
  void shouldSendImpossibleIntensitiesToTheDlqAndKeepUsingTheValidOnes() {
    driver.grid(intensity("DE", 0, 120.0));
    driver.grid(intensity("DE", 1_000, -5.0));
    driver.grid(intensity("DE", 2_000, Double.NaN));
    driver.grid(intensity(" ", 3_000, 80.0));
    driver.steady("GPU-A", 0, 20_000, 300.0);
    driver.request("r1", "DE", 5_000, 10_000, "GPU-A");
    driver.finishAll();

    assertThat(driver.dlq().readRecordsToList())
        .extracting(GridStageTest::reason)
        .containsExactly("invalid-intensity", "invalid-intensity", "empty-zone");
    assertThat(driver.impacts().get("r1").getIntensityGPerKwh()).isEqualTo(120.0);
  }

  @Test
  void shouldSendAFarFutureValueToTheDlqAndKeepUsingEveryLaterValue() {
    driver.grid(intensity("DE", 0, 120.0));
    // valid_from in 2100: beyond ingest.maxFutureSkew (5 min) of the wall clock. The record is
    // stamped like its neighbours: the test driver runs every subtopology in one task, so a 2100
    // record timestamp would move the attribution's stream time too, which a broker's separate
    // tasks do not.
    driver.grid(
        GridIntensity.newBuilder(intensity("DE", 0, 999.0))
            .setValidFrom(Instant.parse("2100-01-01T00:00:00Z"))
            .build(),
        T0);
    driver.grid(intensity("DE", 30_000, 500.0));
    driver.grid(intensity("DE", 60_000, 700.0));
    driver.steady("GPU-A", 0, 80_000, 300.0);
    driver.request("first", "DE", 5_000, 10_000, "GPU-A");
    driver.request("second", "DE", 35_000, 40_000, "GPU-A");
    driver.request("third", "DE", 65_000, 70_000, "GPU-A");
    driver.finishAll();

    assertThat(driver.dlq().readRecordsToList())
        .extracting(GridStageTest::reason)
        .containsExactly("future-time");
    final Map<String, RequestImpact> impacts = driver.impacts();
    assertThat(impacts.get("first").getIntensityGPerKwh()).isEqualTo(120.0);
    assertThat(impacts.get("second").getIntensityGPerKwh()).isEqualTo(500.0);
    assertThat(impacts.get("third").getIntensityGPerKwh()).isEqualTo(700.0);
    assertThat(driver.counter("impacts-intensity-fallback")).isZero();
  }

  private static String reason(final TestRecord<byte[], byte[]> record) {
    return new String(
        record.headers().lastHeader("impact.dlq.reason").value(), StandardCharsets.UTF_8);
  }
}
