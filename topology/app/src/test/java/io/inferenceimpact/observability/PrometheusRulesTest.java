package io.inferenceimpact.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.inferenceimpact.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules of deploy/prometheus/ pass Prometheus' own checks: {@code promtool
 * check rules}, the unit tests of deploy/prometheus/tests/ under {@code promtool test rules}, and
 * {@code promtool check config} of the example scrape config. Beyond promtool: each rule reads only
 * metrics of docs/METRICS.md (or {@code up}, or a recording rule of the file), and each alert
 * carries a severity, a summary and a description for Alertmanager's receivers.
 */
class PrometheusRulesTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Path FOLDER = Path.of("deploy/prometheus");

  @Test
  void shouldPassPromtoolCheckRules() {
    final var result =
        ExternalProcess.run(
            List.of(
                PrometheusTools.require(PrometheusTools.PROMTOOL),
                "check",
                "rules",
                FOLDER.resolve("impact-rules.yml").toString()),
            "",
            LIMIT);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("SUCCESS");
  }

  @Test
  void shouldPassThePromtoolUnitTestsOfEveryAlert() throws IOException {
    final List<String> command = new ArrayList<>();
    command.add(PrometheusTools.require(PrometheusTools.PROMTOOL));
    command.add("test");
    command.add("rules");
    final List<String> tests = testFiles();
    command.addAll(tests);

    final var result = ExternalProcess.run(command, "", LIMIT);

    assertThat(tests).isNotEmpty();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("SUCCESS").doesNotContain("FAILED");
    final String testText = String.join("\n", readAll(tests));
    for (final String alert : alertNames()) {
      assertThat(testText).as("a promtool test of alert %s", alert).contains("alertname: " + alert);
    }
  }

  @Test
  void shouldPassPromtoolCheckConfigOfTheExampleScrapeConfig() {
    final var result =
        ExternalProcess.run(
            List.of(
                PrometheusTools.require(PrometheusTools.PROMTOOL),
                "check",
                "config",
                FOLDER.resolve("prometheus.yml").toString()),
            "",
            LIMIT);

    assertThat(result.exitCode()).as(result.describe()).isZero();
  }

  @Test
  void shouldReadOnlyContractMetricsAndLabelEveryAlert() throws IOException {
    final MetricsContract contract =
        MetricsContract.load(ExternalProcess.repoRoot().resolve("docs/METRICS.md"));
    final List<JsonNode> rules = rules();
    final Set<String> recorded = new HashSet<>();
    rules.forEach(r -> recorded.add(r.path("record").asText()));
    final List<String> problems = new ArrayList<>();
    for (final JsonNode rule : rules) {
      final String name =
          rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
      final String expr = rule.path("expr").asText();
      for (final String metric : PromQlNames.metricNames(expr)) {
        if (!contract.exports(metric) && !recorded.contains(metric) && !metric.equals("up")) {
          problems.add(name + ": '" + metric + "' is not in docs/METRICS.md");
        }
      }
      if (rule.has("alert")) {
        if (!Set.of("critical", "warning", "info")
            .contains(rule.path("labels").path("severity").asText())) {
          problems.add(name + ": severity label missing or unknown");
        }
        for (final String annotation : List.of("summary", "description")) {
          if (rule.path("annotations").path(annotation).asText().isBlank()) {
            problems.add(name + ": no " + annotation);
          }
        }
      }
    }
    assertThat(rules).hasSizeGreaterThan(10);
    assertThat(problems).isEmpty();
  }

  private static List<JsonNode> rules() throws IOException {
    final JsonNode file =
        new ObjectMapper(new YAMLFactory())
            .readTree(
                ExternalProcess.repoRoot().resolve(FOLDER).resolve("impact-rules.yml").toFile());
    final List<JsonNode> rules = new ArrayList<>();
    file.path("groups").forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }

  private static List<String> alertNames() throws IOException {
    return rules().stream().filter(r -> r.has("alert")).map(r -> r.path("alert").asText()).toList();
  }

  private static List<String> testFiles() throws IOException {
    try (Stream<Path> files =
        Files.list(ExternalProcess.repoRoot().resolve(FOLDER).resolve("tests"))) {
      return files
          .filter(f -> f.toString().endsWith(".yml"))
          .sorted()
          .map(f -> ExternalProcess.repoRoot().relativize(f).toString())
          .toList();
    }
  }

  private static List<String> readAll(final List<String> files) throws IOException {
    final List<String> texts = new ArrayList<>();
    for (final String file : files) {
      texts.add(Files.readString(ExternalProcess.repoRoot().resolve(file)));
    }
    return texts;
  }
}
