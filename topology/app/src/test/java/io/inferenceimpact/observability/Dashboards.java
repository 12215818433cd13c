package io.inferenceimpact.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.testing.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Grafana dashboards of grafana/dashboards/ as the tests see them: each dashboard's template
 * variables and its panels (rows unfolded) with their PromQL targets, and the substitution of
 * Grafana's variables that turns a target into a query Prometheus can run.
 */
final class Dashboards {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One dashboard file, parsed. */
  record Dashboard(String file, JsonNode json, List<Panel> panels) {
    String title() {
      return json.path("title").asText();
    }

    List<JsonNode> variables() {
      final List<JsonNode> list = new ArrayList<>();
      json.path("templating").path("list").forEach(list::add);
      return list;
    }
  }

  /** One panel: where it is, what it shows, and its queries. */
  record Panel(String dashboard, JsonNode json, List<Target> targets) {
    int id() {
      return json.path("id").asInt(-1);
    }

    String title() {
      return json.path("title").asText();
    }

    String describe() {
      return dashboard + " / panel " + id() + " '" + title() + "'";
    }
  }

  /** One PromQL query of a panel. */
  record Target(String refId, String expr, JsonNode json) {}

  private Dashboards() {}

  static Path folder() {
    return ExternalProcess.repoRoot().resolve("grafana/dashboards");
  }

  static List<Dashboard> all() {
    try (Stream<Path> files = Files.list(folder())) {
      final List<Dashboard> list = new ArrayList<>();
      for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        list.add(load(file));
      }
      return list;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Dashboard load(final Path file) throws IOException {
    return parse(file.getFileName().toString(), Files.readString(file));
  }

  /** A dashboard from its JSON text, named {@code name} in messages. */
  static Dashboard parse(final String name, final String text) throws IOException {
    final JsonNode json = JSON.readTree(text);
    final List<Panel> panels = new ArrayList<>();
    collect(name, json.path("panels"), panels);
    return new Dashboard(name, json, panels);
  }

  private static void collect(
      final String dashboard, final JsonNode nodes, final List<Panel> into) {
    for (final JsonNode panel : nodes) {
      if ("row".equals(panel.path("type").asText())) {
        collect(dashboard, panel.path("panels"), into);
        continue;
      }
      final List<Target> targets = new ArrayList<>();
      for (final JsonNode target : panel.path("targets")) {
        targets.add(
            new Target(target.path("refId").asText(), target.path("expr").asText(), target));
      }
      into.add(new Panel(dashboard, panel, targets));
    }
  }

  /**
   * The query Prometheus runs for a panel target: Grafana's interval and range variables become
   * durations, the dashboard's own variables the given values (regex matchers accept a plain
   * value). The datasource variable never appears in a query; it is not substituted.
   */
  static String substitute(
      final String expr, final Map<String, String> variables, final String range) {
    String query =
        expr.replace("$__rate_interval", "1m")
            .replace("${__rate_interval}", "1m")
            .replace("$__interval", "15s")
            .replace("${__interval}", "15s")
            .replace(
                "$__range_s",
                String.valueOf(java.time.Duration.parse("PT" + range.toUpperCase()).toSeconds()))
            .replace("$__range", range)
            .replace("${__range}", range);
    for (final var variable : variables.entrySet()) {
      query =
          query
              .replace("${" + variable.getKey() + "}", variable.getValue())
              .replace("$" + variable.getKey(), variable.getValue());
    }
    return query;
  }
}
