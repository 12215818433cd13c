package io.inferenceimpact.connectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Annual carbon intensity per zone, the last fallback: first the zone's own annual mean (computed
 * from the recorded 2023 hourly series, {@code annual-factors.csv}), else its country's electricity
 * mix from EcoLogits ({@code ecologits-electricity-mixes.csv}, ISO3 codes, kgCO2eq/kWh). Sources
 * and licences are in SOURCES.md next to the files.
 */
public final class AnnualFactors {
  private static final String DIR = "/io/inferenceimpact/connectors/";

  /** One zone's annual factor and where it came from. */
  public record Factor(String zone, double gramsPerKwh, String basis) {}

  private final Map<String, Factor> byZone;
  private final Map<String, Double> gramsByIso3;

  private AnnualFactors(final Map<String, Factor> byZone, final Map<String, Double> gramsByIso3) {
    this.byZone = Map.copyOf(byZone);
    this.gramsByIso3 = Map.copyOf(gramsByIso3);
  }

  /** The tables shipped with the product. */
  public static AnnualFactors shipped() {
    final Map<String, Factor> byZone = new HashMap<>();
    for (final List<String> row : rows("annual-factors.csv")) {
      byZone.put(row.get(0), new Factor(row.get(0), Double.parseDouble(row.get(1)), row.get(2)));
    }
    final Map<String, Double> byIso3 = new HashMap<>();
    for (final List<String> row : rows("ecologits-electricity-mixes.csv")) {
      // gwp column: kgCO2eq/kWh → g/kWh
      byIso3.put(row.get(0), Double.parseDouble(row.get(3)) * 1000.0);
    }
    return new AnnualFactors(byZone, byIso3);
  }

  /** The most specific factor known for the zone (e.g. US-CAL-CISO, else USA, else none). */
  public Optional<Factor> lookup(final String zone) {
    final Factor own = byZone.get(zone);
    if (own != null) {
      return Optional.of(own);
    }
    final String country = zone.split("-", 2)[0].toUpperCase(Locale.ROOT);
    final String iso3 = "WORLD".equals(country) ? "WOR" : iso3(country);
    final Double grams = iso3 == null ? null : gramsByIso3.get(iso3);
    return grams == null
        ? Optional.empty()
        : Optional.of(new Factor(zone, grams, "EcoLogits electricity mix " + iso3));
  }

  private static String iso3(final String iso2) {
    if (iso2.length() != 2) {
      return null;
    }
    try {
      return new Locale("", "GB".equals(iso2) || "UK".equals(iso2) ? "GB" : iso2).getISO3Country();
    } catch (final java.util.MissingResourceException e) {
      return null;
    }
  }

  private static List<List<String>> rows(final String file) {
    final InputStream in = AnnualFactors.class.getResourceAsStream(DIR + file);
    if (in == null) {
      throw new IllegalStateException("missing shipped data file " + DIR + file);
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().skip(1).filter(l -> !l.isBlank()).map(Csv::split).toList();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
