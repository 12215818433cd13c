package io.inferenceimpact.topology.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.topology.grid.ResolvedIntensity.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The staleness rule at its edges (defaults: limit 2 h, DE 344.14, world 473.01 g/kWh). */
class GridLookupTest {
  private static final long HOUR = 3_600_000;
  private final GridLookup lookup = new GridLookup(ConfigLoader.defaults().zones());

  private static GridIntensity de(final long validFromMillis) {
    return GridIntensity.newBuilder()
        .setZone("DE")
        .setValidFrom(Instant.ofEpochMilli(validFromMillis))
        .setIntensityGPerKwh(200.0)
        .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
        .setEstimated(true)
        .setSource("uk-carbon-intensity")
        .build();
  }

  @Test
  void shouldTrustAValueExactlyAtTheStalenessLimitAndNotOneMillisecondOlder() {
    final ResolvedIntensity atLimit = lookup.resolve("DE", 10 * HOUR, de(8 * HOUR));
    assertThat(atLimit.outcome()).isEqualTo(Outcome.LIVE);
    assertThat(atLimit.gramsPerKwh()).isEqualTo(200.0);
    assertThat(atLimit.source()).isEqualTo("uk-carbon-intensity");
    assertThat(atLimit.validFromMillis()).isEqualTo(8 * HOUR);
    final ResolvedIntensity older = lookup.resolve("DE", 10 * HOUR + 1, de(8 * HOUR));
    assertThat(older.outcome()).isEqualTo(Outcome.STALE);
    assertThat(older.gramsPerKwh()).isEqualTo(344.14);
    assertThat(older.validFromMillis()).isNull();
  }

  @Test
  void shouldTellMissingFromUnknownZones() {
    assertThat(lookup.resolve("DE", HOUR, null).outcome()).isEqualTo(Outcome.MISSING);
    final ResolvedIntensity unknown = lookup.resolve("ATLANTIS", HOUR, null);
    assertThat(unknown.outcome()).isEqualTo(Outcome.UNKNOWN_ZONE);
    assertThat(unknown.gramsPerKwh()).isEqualTo(473.01);
    assertThat(unknown.source()).isEqualTo(GridLookup.FALLBACK_SOURCE);
  }
}
