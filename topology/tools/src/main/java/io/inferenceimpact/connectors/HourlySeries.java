package io.inferenceimpact.connectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One zone's hourly carbon intensity in the format of Electricity Maps' yearly datasets: {@code
 * Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity
 * gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data
 * Estimation Method}, one row per hour without gaps.
 */
public final class HourlySeries {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One hour of the series. */
  public record Hour(
      Instant start,
      double directGramsPerKwh,
      double lifecycleGramsPerKwh,
      boolean estimated,
      String estimationMethod) {}

  private final String zone;
  private final List<Hour> hours;

  private HourlySeries(final String zone, final List<Hour> hours) {
    this.zone = zone;
    this.hours = List.copyOf(hours);
  }

  /** Reads and checks the whole file; {@code name} is used in error messages. */
  public static HourlySeries read(final BufferedReader reader, final String name) {
    try {
      final String header = reader.readLine();
      if (header == null
          || !header.startsWith("Datetime (UTC),")
          || Csv.split(header).size() < 11) {
        throw new IllegalArgumentException(name + ": not an Electricity Maps hourly CSV header");
      }
      final List<Hour> hours = new ArrayList<>();
      String zone = null;
      String line;
      int row = 1;
      while ((line = reader.readLine()) != null) {
        row++;
        if (line.isBlank()) {
          continue;
        }
        final List<String> f = Csv.split(line);
        try {
          final Instant start = LocalDateTime.parse(f.get(0), TIME).toInstant(ZoneOffset.UTC);
          if (!hours.isEmpty()
              && !start.equals(hours.get(hours.size() - 1).start().plusSeconds(3600))) {
            throw new IllegalArgumentException("not one hour after the previous row");
          }
          zone = zone == null ? f.get(3) : zone;
          hours.add(
              new Hour(
                  start,
                  f.get(4).isBlank() ? Double.NaN : Double.parseDouble(f.get(4)),
                  Double.parseDouble(f.get(5)),
                  Boolean.parseBoolean(f.get(9)),
                  f.size() > 10 && !f.get(10).isBlank() ? f.get(10) : null));
        } catch (final RuntimeException e) {
          throw new IllegalArgumentException(name + " row " + row + ": " + e.getMessage(), e);
        }
      }
      if (hours.isEmpty()) {
        throw new IllegalArgumentException(name + ": no rows");
      }
      return new HourlySeries(zone, hours);
    } catch (final IOException e) {
      throw new UncheckedIOException(name + ": cannot read", e);
    }
  }

  public String zone() {
    return zone;
  }

  public Instant start() {
    return hours.get(0).start();
  }

  /** The end of the last hour, exclusive. */
  public Instant end() {
    return hours.get(hours.size() - 1).start().plusSeconds(3600);
  }

  public int size() {
    return hours.size();
  }

  /** The hour that contains {@code time}; the time must lie in [start, end). */
  public int indexOf(final Instant time) {
    if (time.isBefore(start()) || !time.isBefore(end())) {
      throw new IllegalArgumentException(time + " is outside the series " + start() + ".." + end());
    }
    return (int) ((time.getEpochSecond() - start().getEpochSecond()) / 3600);
  }

  public Hour hour(final int index) {
    return hours.get(index);
  }
}
