package io.inferenceimpact.topology.grid;

import static io.inferenceimpact.topology.grid.GridDriver.intensity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The bounded wait of ESTIMATED requests for their zone's grid values ({@code zones.intensityWait},
 * default 5 min), through the wired topology. Requests here have no GPUs (ESTIMATED); times are
 * relative to {@link GridDriver#T0}.
 */
class AwaitIntensityTest {
  private static final long MINUTE = 60_000;

  @Test
  void shouldPriceARequestWithAValuePublishedAfterItEndedWithinTheWait() throws Exception {
    final RequestImpact waited;
    try (GridDriver driver = new GridDriver("await-intensity-late-value")) {
      lateValueScenario(driver);
      driver.advanceWallClock(Duration.ofMinutes(7));
      waited = driver.impacts().get("r");
    }
    final RequestImpact atOnce;
    try (GridDriver driver = new GridDriver("await-intensity-no-wait", withWait("0s"))) {
      lateValueScenario(driver);
      driver.advanceWallClock(Duration.ofMinutes(7));
      atOnce = driver.impacts().get("r");
    }

    // [4 min, 6 min): one minute at 100 and one at 500 g/kWh, the second read after the request.
    assertThat(waited.getIntensityGPerKwh()).isCloseTo((100.0 + 500.0) / 2, within(1e-9));
    assertThat(waited.getIntensityValidFrom()).isEqualTo(GridDriver.at(5 * MINUTE));
    assertThat(waited.getOperationalEmissionsGrams())
        .isCloseTo(waited.getFacilityEnergyJoules() / 3.6e6 * 300.0, within(1e-12));
    // Without the wait, only the value known when the request came prices it.
    assertThat(atOnce.getIntensityGPerKwh()).isEqualTo(100.0);
  }

  @Test
  void shouldGiveTheFirstRequestsOfAZoneTheLiveValueThatArrivesJustAfterThem() {
    try (GridDriver driver = new GridDriver("await-intensity-start-up")) {
      // Start-up: the request is read before the zone's first value (valid before it).
      driver.estimated("first", "DE", 0, 10_000);
      driver.grid(intensity("DE", -MINUTE, 250.0));
      driver.advanceWallClock(Duration.ofMinutes(7));

      final RequestImpact first = driver.impacts().get("first");
      assertThat(first.getIntensitySource()).isEqualTo("electricitymaps");
      assertThat(first.getIntensityGPerKwh()).isEqualTo(250.0);
      assertThat(driver.counter("impacts-intensity-fallback")).isZero();
    }
  }

  @Test
  void shouldHoldARequestUntilTheGridValuesHaveArrivedOneWaitPastItsEnd() {
    try (GridDriver driver = new GridDriver("await-intensity-release")) {
      driver.grid(intensity("DE", -MINUTE, 100.0));
      driver.estimated("a", "DE", 0, 10_000);
      driver.estimated("b", "DE", 20_000, 30_000);
      // (The grid join trusts its writers' progress once it has listened for 7 s.)
      driver.advanceWallClock(Duration.ofSeconds(8));
      assertThat(driver.impacts()).isEmpty();

      // A value from 5:10 on: the grid values have arrived up to 0:10 + 5 min, "a" is due and
      // "b" (due at 5:30) waits.
      driver.grid(intensity("SE", 5 * MINUTE + 10_000, 30.0));
      driver.advanceWallClock(Duration.ofSeconds(2));
      assertThat(driver.impacts()).containsOnlyKeys("a");
      assertThat(driver.impacts()).isEmpty();

      // Quiet grid input: after 5 s its watermark moves on from 5:10 with the wall clock.
      driver.advanceWallClock(Duration.ofSeconds(15));
      assertThat(driver.impacts()).isEmpty();
      driver.advanceWallClock(Duration.ofSeconds(15));
      assertThat(driver.impacts()).containsOnlyKeys("b");
    }
  }

  @Test
  void shouldNotHoldARequestWhoseZoneHasAValueFromItsEndOn() {
    try (GridDriver driver = new GridDriver("await-intensity-known")) {
      driver.grid(intensity("DE", -MINUTE, 100.0));
      driver.grid(intensity("DE", 10_000, 300.0));
      driver.estimated("known", "DE", 0, 10_000);
      driver.estimated("open", "DE", 10_000, 20_000);

      final Map<String, RequestImpact> impacts = driver.impacts();
      assertThat(impacts).containsOnlyKeys("known");
      assertThat(impacts.get("known").getIntensityGPerKwh()).isEqualTo(100.0);
    }
  }

  /** A value at -1 min (100 g/kWh), a request [4, 6) min, then a value from 5 min (500). */
  private static void lateValueScenario(final GridDriver driver) {
    driver.grid(intensity("DE", -MINUTE, 100.0));
    driver.estimated("r", "DE", 4 * MINUTE, 6 * MINUTE);
    driver.grid(intensity("DE", 5 * MINUTE, 500.0));
  }

  private static ImpactConfig withWait(final String wait) throws Exception {
    final Properties props = new Properties();
    props.put("zones.intensityWait", wait);
    return ConfigLoader.load(props, Map.of());
  }
}
