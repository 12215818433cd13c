package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.EmissionFactorType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the connector that {@code impact grid --source} names, with its credentials from the
 * environment or a token file. Errors say which variable or option is missing, never a value.
 */
public final class GridSources {
  public static final List<String> NAMES =
      List.of("electricitymaps", "ukci", "watttime", "static", "replay");

  private static final String BUNDLED_SERIES = "/io/inferenceimpact/connectors/series/";

  /**
   * @param source one of {@link #NAMES}
   * @param baseUrl API base URL, null for the public one
   * @param tokenFile Electricity Maps token, or WattTime {@code username:password}; null: from env
   * @param seriesDir folder of {@code <ZONE>_*hourly.csv} files for replay; null: the bundled ones
   * @param policy timeouts and retries
   */
  public record Options(
      String source, URI baseUrl, Path tokenFile, Path seriesDir, RetryPolicy policy) {}

  private GridSources() {}

  public static GridConnector create(
      final Options options,
      final List<String> zones,
      final Map<String, String> env,
      final Clock clock) {
    return switch (options.source()) {
      case "electricitymaps" ->
          new ElectricityMapsConnector(
              http(
                  ElectricityMapsConnector.NAME,
                  options,
                  ElectricityMapsConnector.DEFAULT_BASE_URL),
              options.tokenFile() != null
                  ? Secret.fromFile(options.tokenFile())
                  : Secret.fromEnv(env, ElectricityMapsConnector.TOKEN_VARIABLE)
                      .orElseThrow(() -> missing(ElectricityMapsConnector.TOKEN_VARIABLE)),
              true);
      case "ukci" ->
          new UkCarbonIntensityConnector(
              http(
                  UkCarbonIntensityConnector.NAME,
                  options,
                  UkCarbonIntensityConnector.DEFAULT_BASE_URL),
              clock,
              Duration.ofHours(6));
      case "watttime" -> watttime(options, env);
      case "static" -> new StaticFactorConnector(AnnualFactors.shipped(), clock);
      case "replay" -> replay(options.seriesDir(), zones, clock);
      default ->
          throw new IllegalArgumentException(
              "unknown source '" + options.source() + "', expected one of " + NAMES);
    };
  }

  private static GridConnector watttime(final Options options, final Map<String, String> env) {
    final GridHttp http = http(WattTimeConnector.NAME, options, WattTimeConnector.DEFAULT_BASE_URL);
    if (options.tokenFile() != null) {
      final String[] parts = Secret.fromFile(options.tokenFile()).value().split(":", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "token file " + options.tokenFile() + " must hold username:password for watttime");
      }
      final String name = "token file " + options.tokenFile();
      return new WattTimeConnector(
          http,
          Secret.of(name + " (username)", parts[0]),
          Secret.of(name + " (password)", parts[1]));
    }
    return new WattTimeConnector(
        http,
        Secret.fromEnv(env, WattTimeConnector.USERNAME_VARIABLE)
            .orElseThrow(() -> missing(WattTimeConnector.USERNAME_VARIABLE)),
        Secret.fromEnv(env, WattTimeConnector.PASSWORD_VARIABLE)
            .orElseThrow(() -> missing(WattTimeConnector.PASSWORD_VARIABLE)));
  }

  /** Series for the zones, from the folder or else the bundled DE and FR 2023 series. */
  static ReplaySeriesConnector replay(final Path dir, final List<String> zones, final Clock clock) {
    final Map<String, HourlySeries> series = new LinkedHashMap<>();
    for (final String zone : zones) {
      series.put(zone, dir == null ? bundled(zone) : fromDir(dir, zone));
    }
    return new ReplaySeriesConnector(
        series, clock, Duration.ofHours(24), EmissionFactorType.LIFECYCLE);
  }

  private static HourlySeries bundled(final String zone) {
    final String name = BUNDLED_SERIES + zone + "_2023_hourly.csv";
    final InputStream in = GridSources.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalArgumentException(
          "no bundled series for zone '" + zone + "' (bundled: DE, FR); pass --series-dir");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return HourlySeries.read(reader, name);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HourlySeries fromDir(final Path dir, final String zone) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, zone + "_*hourly.csv")) {
      for (final Path file : files) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          return HourlySeries.read(reader, file.toString());
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read series folder " + dir, e);
    }
    throw new IllegalArgumentException("no " + zone + "_*hourly.csv in " + dir);
  }

  private static GridHttp http(final String name, final Options options, final String defaultUrl) {
    return new GridHttp(
        name,
        options.baseUrl() != null ? options.baseUrl() : URI.create(defaultUrl),
        options.policy(),
        Sleeper.REAL);
  }

  private static IllegalArgumentException missing(final String variable) {
    return new IllegalArgumentException(variable + " is not set (or pass --token-file)");
  }
}
