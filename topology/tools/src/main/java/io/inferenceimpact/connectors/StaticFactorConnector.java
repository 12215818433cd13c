package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GridIntensity;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The last fallback: a zone's annual factor ({@link AnnualFactors}), valid from the start of the
 * current UTC year, estimated, lifecycle. The value is the same all year, so the poller publishes
 * it once per year and zone.
 */
public final class StaticFactorConnector implements GridConnector {
  public static final String NAME = "static";

  private final AnnualFactors factors;
  private final Clock clock;

  public StaticFactorConnector(final AnnualFactors factors, final Clock clock) {
    this.factors = factors;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<GridIntensity> poll(final String zone) {
    final AnnualFactors.Factor factor =
        factors
            .lookup(zone)
            .orElseThrow(
                () ->
                    new GridSourceException(NAME, -1, "no annual factor for zone '" + zone + "'"));
    final int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
    return List.of(
        GridIntensity.newBuilder()
            .setZone(zone)
            .setValidFrom(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant())
            .setIntensityGPerKwh(factor.gramsPerKwh())
            .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
            .setEstimated(true)
            .setEstimationMethod("annual average: " + factor.basis())
            .setSource(NAME)
            .setForecast(List.of())
            .build());
  }
}
