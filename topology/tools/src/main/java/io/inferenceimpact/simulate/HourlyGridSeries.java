package io.inferenceimpact.simulate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Real hourly lifecycle carbon intensity of 2023 (Electricity Maps yearly datasets for DE, FR,
 * US-CAL-CISO and IN-WE; see resources simulate/SOURCES.md) mapped onto any simulated time by
 * month, day and hour of the year (29 February reads 28 February). So a simulation started "now"
 * sees the real diurnal and seasonal shape of its date and hour.
 */
public final class HourlyGridSeries implements GridSeries {

  private static final String RESOURCE = "/simulate/grid_2023_hourly_lca.csv.gz";
  private static final int HOURS = 8760;

  private static final class Holder {
    private static final HourlyGridSeries BUNDLED = load();
  }

  private final Map<String, double[]> intensity;
  private final Map<String, boolean[]> estimated;

  private HourlyGridSeries(
      final Map<String, double[]> intensity, final Map<String, boolean[]> estimated) {
    this.intensity = Map.copyOf(intensity);
    this.estimated = Map.copyOf(estimated);
  }

  public static HourlyGridSeries bundled() {
    return Holder.BUNDLED;
  }

  @Override
  public Point at(final String zone, final Instant time) {
    final double[] values = intensity.get(zone);
    if (values == null) {
      throw new IllegalArgumentException(
          "no 2023 series for zone " + zone + ": " + intensity.keySet());
    }
    final int hour = hourOf2023(time);
    return new Point(values[hour], estimated.get(zone)[hour]);
  }

  @Override
  public String source() {
    return "electricitymaps-2023-replay";
  }

  static int hourOf2023(final Instant time) {
    final LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    final MonthDay day = MonthDay.from(t);
    final MonthDay safe = day.equals(MonthDay.of(2, 29)) ? MonthDay.of(2, 28) : day;
    return (safe.atYear(2023).getDayOfYear() - 1) * 24 + t.getHour();
  }

  private static HourlyGridSeries load() {
    final Map<String, double[]> intensity = new HashMap<>();
    final Map<String, boolean[]> estimated = new HashMap<>();
    try (InputStream in = HourlyGridSeries.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      final BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
      reader.readLine(); // datetime_utc,zone,intensity_g_per_kwh_lca,estimated
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        final String[] f = line.split(",");
        final int hour = hourOf2023(Instant.parse(f[0]));
        intensity.computeIfAbsent(f[1], z -> new double[HOURS])[hour] = Double.parseDouble(f[2]);
        estimated.computeIfAbsent(f[1], z -> new boolean[HOURS])[hour] = Boolean.parseBoolean(f[3]);
      }
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HourlyGridSeries(intensity, estimated);
  }
}
