package io.inferenceimpact.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferenceimpact.observability.Dashboards.Dashboard;
import io.inferenceimpact.observability.Dashboards.Panel;
import io.inferenceimpact.observability.Dashboards.Target;
import io.inferenceimpact.testing.ExternalProcess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Grafana dashboard of grafana/dashboards/ is importable and honest without a Grafana: it
 * parses; panel ids are unique; a {@code datasource} variable of type prometheus exists and every
 * panel, target and query variable uses it; every panel has a title, a unit, a description and a
 * query; every query reads only metrics that docs/METRICS.md promises and only variables the
 * dashboard defines. Problems are collected and reported together, each naming dashboard and panel.
 */
class DashboardStructureTest {
  private static final String DATASOURCE = "${datasource}";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> GRAFANA_VARIABLES =
      Set.of("__rate_interval", "__interval", "__range", "__range_s", "__interval_ms");

  private static List<Dashboard> dashboards;
  private static MetricsContract contract;

  @BeforeAll
  static void load() {
    dashboards = Dashboards.all();
    contract = MetricsContract.load(ExternalProcess.repoRoot().resolve("docs/METRICS.md"));
  }

  @Test
  void shouldHaveTheFourDashboardsWithUniqueUids() {
    assertThat(dashboards)
        .extracting(Dashboard::file)
        .contains("fleet-overview.json", "model-detail.json", "grid.json", "pipeline-health.json");
    assertThat(dashboards).extracting(d -> d.json().path("uid").asText()).doesNotHaveDuplicates();
    assertThat(dashboards).allSatisfy(d -> assertThat(d.title()).isNotBlank());
  }

  @Test
  void shouldGiveEveryPanelAUniqueId() {
    for (final Dashboard dashboard : dashboards) {
      assertThat(dashboard.panels()).as(dashboard.file()).isNotEmpty();
      assertThat(dashboard.panels())
          .as("panel ids of %s", dashboard.file())
          .extracting(Panel::id)
          .doesNotHaveDuplicates()
          .allSatisfy(id -> assertThat(id).isPositive());
    }
  }

  @Test
  void shouldRouteEveryPanelTargetAndVariableThroughTheDatasourceVariable() {
    final List<String> problems = new ArrayList<>();
    for (final Dashboard dashboard : dashboards) {
      final boolean declared =
          dashboard.variables().stream()
              .anyMatch(
                  v ->
                      "datasource".equals(v.path("name").asText())
                          && "datasource".equals(v.path("type").asText())
                          && "prometheus".equals(v.path("query").asText()));
      if (!declared) {
        problems.add(dashboard.file() + ": no variable 'datasource' of type datasource/prometheus");
      }
      for (final JsonNode variable : dashboard.variables()) {
        if ("query".equals(variable.path("type").asText())
            && !usesVariable(variable.path("datasource"))) {
          problems.add(
              dashboard.file() + ": variable " + variable.path("name") + " not on " + DATASOURCE);
        }
      }
      for (final Panel panel : dashboard.panels()) {
        if (!usesVariable(panel.json().path("datasource"))) {
          problems.add(panel.describe() + ": datasource is not " + DATASOURCE);
        }
        for (final Target target : panel.targets()) {
          if (!usesVariable(target.json().path("datasource"))) {
            problems.add(
                panel.describe()
                    + " target "
                    + target.refId()
                    + ": datasource is not "
                    + DATASOURCE);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldGiveEveryPanelATitleUnitDescriptionAndQuery() {
    final List<String> problems = new ArrayList<>();
    for (final Dashboard dashboard : dashboards) {
      for (final Panel panel : dashboard.panels()) {
        final JsonNode json = panel.json();
        if (panel.title().isBlank()) {
          problems.add(panel.describe() + ": no title");
        }
        if (json.path("fieldConfig").path("defaults").path("unit").asText().isBlank()) {
          problems.add(panel.describe() + ": no unit");
        }
        if (json.path("description").asText().isBlank()) {
          problems.add(panel.describe() + ": no description");
        }
        if (panel.targets().isEmpty()
            || panel.targets().stream().anyMatch(t -> t.expr().isBlank())) {
          problems.add(panel.describe() + ": a target without a PromQL expression");
        }
        if (panel.targets().stream().map(Target::refId).distinct().count()
            != panel.targets().size()) {
          problems.add(panel.describe() + ": duplicate refIds");
        }
        final JsonNode grid = json.path("gridPos");
        if (grid.path("w").asInt(0) < 1 || grid.path("x").asInt() + grid.path("w").asInt() > 24) {
          problems.add(panel.describe() + ": gridPos outside the 24 columns");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldQueryOnlyMetricsOfTheContractAndVariablesOfTheDashboard() {
    final List<String> problems = new ArrayList<>();
    for (final Dashboard dashboard : dashboards) {
      final Set<String> defined = new HashSet<>(GRAFANA_VARIABLES);
      dashboard.variables().forEach(v -> defined.add(v.path("name").asText()));
      final List<String[]> queries = new ArrayList<>();
      for (final JsonNode variable : dashboard.variables()) {
        if ("query".equals(variable.path("type").asText())) {
          final String query = variable.path("definition").asText();
          final Matcher labelValues =
              Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(query);
          queries.add(
              new String[] {
                dashboard.file() + " variable " + variable.path("name").asText(),
                labelValues.matches() ? labelValues.group(1) : query
              });
        }
      }
      for (final Panel panel : dashboard.panels()) {
        for (final Target target : panel.targets()) {
          queries.add(new String[] {panel.describe() + " " + target.refId(), target.expr()});
        }
      }
      for (final String[] query : queries) {
        final Set<String> metrics = PromQlNames.metricNames(query[1]);
        if (metrics.isEmpty()) {
          problems.add(query[0] + ": reads no metric: " + query[1]);
        }
        metrics.stream()
            .filter(m -> !contract.exports(m))
            .forEach(
                m ->
                    problems.add(
                        query[0] + ": '" + m + "' is not in docs/METRICS.md: " + query[1]));
        final Matcher variables = VARIABLE.matcher(query[1]);
        while (variables.find()) {
          if (!defined.contains(variables.group(1))) {
            problems.add(query[0] + ": undefined variable $" + variables.group(1));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static boolean usesVariable(final JsonNode datasource) {
    return DATASOURCE.equals(datasource.path("uid").asText())
        && "prometheus".equals(datasource.path("type").asText());
  }
}
