package io.inferenceimpact.estimation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;

/**
 * The per-country electricity factors shipped in catalog/ecologits-electricity-mixes.csv (copied
 * unmodified from genai-impact/ecologits, see catalog/NOTICE.md). Zones may be named by ISO alpha-3
 * ({@code USA}), alpha-2 ({@code US}) or an Electricity Maps zone ({@code US-CAL-CISO}: its country
 * part); {@code WORLD}/{@code WOR} is the world average.
 */
public final class ElectricityMixes {

  static final String RESOURCE = "/catalog/ecologits-electricity-mixes.csv";
  public static final String WORLD = "WOR";
  private final Map<String, ElectricityMix> byIso3;

  private ElectricityMixes(final Map<String, ElectricityMix> byIso3) {
    this.byIso3 = Map.copyOf(byIso3);
  }

  /** The bundled table. */
  public static ElectricityMixes bundled() {
    final Map<String, ElectricityMix> mixes = new HashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(CatalogFiles.resource(RESOURCE), StandardCharsets.UTF_8))) {
      final String header = in.readLine();
      if (!"name,adpe,pe,gwp,wue".equals(header)) {
        throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        final String[] f = line.split(",");
        final double gwpKgPerKwh = Double.parseDouble(f[3]);
        mixes.put(
            f[0],
            new ElectricityMix(
                f[0],
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                gwpKgPerKwh * 1000.0,
                Double.parseDouble(f[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ElectricityMixes(mixes);
  }

  /** The mix of the zone's country, if the table has it. */
  public Optional<ElectricityMix> find(final String zone) {
    if (zone == null || zone.isBlank()) {
      return Optional.empty();
    }
    final String upper = zone.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("WORLD") || upper.equals(WORLD)) {
      return Optional.of(world());
    }
    final String country = upper.split("-", 2)[0];
    if (country.length() == 3) {
      return Optional.ofNullable(byIso3.get(country));
    }
    return iso3(country).map(byIso3::get);
  }

  /** The zone's mix, else the world average. */
  public ElectricityMix forZoneOrWorld(final String zone) {
    return find(zone).orElseGet(this::world);
  }

  public ElectricityMix world() {
    return byIso3.get(WORLD);
  }

  public int size() {
    return byIso3.size();
  }

  private static Optional<String> iso3(final String iso2) {
    try {
      return Optional.of(new Locale.Builder().setRegion(iso2).build().getISO3Country());
    } catch (IllformedLocaleException | MissingResourceException e) {
      return Optional.empty();
    }
  }
}
