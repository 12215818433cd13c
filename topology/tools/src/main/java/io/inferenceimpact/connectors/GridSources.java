package io.inferenceimpact.connectors;

import static io.inferenceimpact.config.GridSettings.PASSWORD_VARIABLE;

import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.config.GridSettings;
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
 * Builds the connector that {@code impact grid --source} names, with its credentials from a token
 * file, the configuration ({@code grid.token}, {@code grid.username}, {@code grid.password}) or
 * else the source's own environment variables. Errors say which variable or option is missing,
 * never a value.
 */
public final class GridSources {
  public static final List<String> NAMES = GridSettings.SOURCES;

  private static final String BUNDLED_SERIES = "/io/inferenceimpact/connectors/series/";

  /**
   * @param source one of {@link #NAMES}
   * @param baseUrl API base URL, null for the public one
   * @param tokenFile Electricity Maps token, or WattTime {@code username:password}; null: from env
   * @param seriesDir folder of {@code <ZONE>_*hourly.csv} files for replay; null: the bundled ones
   * @param policy timeouts and retries
   * @param token the Electricity Maps token from the configuration; null: from a file or env
   * @param username the WattTime user from the configuration; null: from a file or env
   * @param password the WattTime password from the configuration; null: from a file or env
   */
  public record Options(
      String source,
      URI baseUrl,
      Path tokenFile,
      Path seriesDir,
      RetryPolicy policy,
      String token,
      String username,
      String password) {
    /** Without credentials from the configuration. */
    public Options(
        final String source,
        final URI baseUrl,
        final Path tokenFile,
        final Path seriesDir,
        final RetryPolicy policy) {
      this(source, baseUrl, tokenFile, seriesDir, policy, null, null, null);
    }
  }

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
              electricityMapsToken(options, env),
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
    if (options.username() != null || options.password() != null) {
      if (options.username() == null || options.password() == null) {
        throw new IllegalArgumentException(
            "watttime needs both grid.username and grid.password (" + PASSWORD_VARIABLE + ")");
      }
      return new WattTimeConnector(
          http,
          Secret.of("grid.username", options.username()),
          Secret.of("grid.password", options.password()));
    }
    return new WattTimeConnector(
        http,
        Secret.fromEnv(env, WattTimeConnector.USERNAME_VARIABLE)
            .orElseThrow(() -> missing(WattTimeConnector.USERNAME_VARIABLE)),
        Secret.fromEnv(env, WattTimeConnector.PASSWORD_VARIABLE)
            .orElseThrow(() -> missing(WattTimeConnector.PASSWORD_VARIABLE)));
  }

  private static Secret electricityMapsToken(final Options options, final Map<String, String> env) {
    if (options.tokenFile() != null) {
      return Secret.fromFile(options.tokenFile());
    }
    if (options.token() != null) {
      return Secret.of("grid.token", options.token());
    }
    return Secret.fromEnv(env, ElectricityMapsConnector.TOKEN_VARIABLE)
        .orElseThrow(() -> missing(ElectricityMapsConnector.TOKEN_VARIABLE));
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
    return new IllegalArgumentException(
        variable
            + " is not set (or set the grid section's credentials, docs/CONFIGURATION.md, or pass"
            + " --token-file)");
  }
}
