package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * The {@code grid} section: what {@code impact grid} polls and with which credentials. Every key
 * has a command-line flag of the same name that wins over it. The credentials are secrets: {@code
 * token} (Electricity Maps) and {@code password} (WattTime) come only from {@value #TOKEN_VARIABLE}
 * and {@value #PASSWORD_VARIABLE}, never from a file, or from {@code tokenFile}; without them, the
 * sources' own variables (ELECTRICITYMAPS_TOKEN, WATTTIME_USERNAME, WATTTIME_PASSWORD) are read as
 * before.
 *
 * @param source one of {@link #SOURCES}
 * @param zones the zones to poll (empty: the command line must name them)
 * @param interval how often every zone is polled
 * @param timeout the HTTP read timeout
 * @param tokenFile a file holding the Electricity Maps token or WattTime's {@code
 *     username:password}; null for none
 * @param baseUrl the API's base URL (a proxy); null for the source's public one
 * @param seriesDir the folder of {@code <ZONE>_*hourly.csv} series for {@code replay}; null for the
 *     bundled ones
 * @param token the Electricity Maps token; null when not set
 * @param username the WattTime user; null when not set
 * @param password the WattTime password; null when not set
 */
public record GridSettings(
    String source,
    List<String> zones,
    Duration interval,
    Duration timeout,
    String tokenFile,
    String baseUrl,
    String seriesDir,
    String token,
    String username,
    String password) {

  /** The sources {@code impact grid} knows. */
  public static final List<String> SOURCES =
      List.of("electricitymaps", "ukci", "watttime", "static", "replay");

  /** The only source of {@code grid.token}. */
  public static final String TOKEN_VARIABLE = "IMPACT_GRID_TOKEN";

  /** The only source of {@code grid.password}. */
  public static final String PASSWORD_VARIABLE = "IMPACT_GRID_PASSWORD";

  public GridSettings {
    zones = List.copyOf(zones);
  }

  static GridSettings bind(final ConfigNode node) {
    final GridSettings g =
        new GridSettings(
            node.string("source", "electricitymaps"),
            node.strings("zones"),
            node.duration("interval", Duration.ofMinutes(5)),
            node.duration("timeout", Duration.ofSeconds(20)),
            node.string("tokenFile", null),
            node.string("baseUrl", null),
            node.string("seriesDir", null),
            node.string("token", null),
            node.string("username", null),
            node.string("password", null));
    if (!SOURCES.contains(g.source())) {
      node.binding()
          .problem(
              node.pathOf("source"), "must be one of " + SOURCES + ", was '" + g.source() + "'");
    }
    if (g.baseUrl() != null && !isHttpUrl(g.baseUrl())) {
      node.binding()
          .problem(
              node.pathOf("baseUrl"),
              "must be an http or https URL with a host, was '" + g.baseUrl() + "'");
    }
    secretFromEnvironmentOnly(node, "token", g.token(), TOKEN_VARIABLE);
    secretFromEnvironmentOnly(node, "password", g.password(), PASSWORD_VARIABLE);
    node.finish();
    return g;
  }

  private static boolean isHttpUrl(final String text) {
    try {
      final URI uri = new URI(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (final URISyntaxException e) {
      return false;
    }
  }

  private static void secretFromEnvironmentOnly(
      final ConfigNode node, final String key, final String value, final String variable) {
    final String path = node.pathOf(key);
    if (value != null && !variable.equals(node.binding().originOf(path))) {
      node.binding()
          .problem(
              path,
              "is a secret: set it only through the environment variable "
                  + variable
                  + ", not in a file");
    }
  }

  @Override
  public String toString() {
    return "GridSettings[source="
        + source
        + ", zones="
        + zones
        + ", interval="
        + interval
        + ", timeout="
        + timeout
        + ", tokenFile="
        + tokenFile
        + ", baseUrl="
        + baseUrl
        + ", seriesDir="
        + seriesDir
        + ", token="
        + (token == null ? null : Secrets.MASK)
        + ", username="
        + username
        + ", password="
        + (password == null ? null : Secrets.MASK)
        + "]";
  }
}
