package io.inferenceimpact.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

  private static AlertRules load(final String yaml) throws Exception {
    return AlertRules.load(write(yaml));
  }

  private static Path write(final String yaml) throws IOException {
    final Path dir = Files.createDirectories(Path.of("target", "tmp", "alert-rules"));
    final Path file = Files.createTempFile(dir, "rules-", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static List<String> problemsOf(final String yaml) {
    try {
      load(yaml);
    } catch (final InvalidRulesException e) {
      return e.problems();
    } catch (final Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the rules to be invalid");
  }

  @Test
  void shouldReadEveryRuleTypeWithItsFields() throws Exception {
    final AlertRules rules =
        load(
            """
            rules:
              - name: llama-carbon
                type: threshold
                metric: emissions_grams_per_1k_output_tokens
                above: 2.5
                model: llama
                severity: critical
                labels: {team: ml-platform}
              - name: budget
                type: budget-burn
                per: tenant
                tenant: acme
                budgetGramsPerDay: 1000
                longWindow: 1h
                shortWindow: 5m
                burnRate: 14.4
              - name: regression
                type: efficiency-regression
                factor: 1.5
                minSamples: 5
              - name: dirty
                type: dirty-grid
                aboveGramsPerKwh: 400
                minSaving: 0.5
              - name: silent
                type: stale-telemetry
                silentFor: 3m
                resolveAfter: 30s
            """);
    assertThat(rules.rules())
        .extracting(AlertRule::name)
        .containsExactly("llama-carbon", "budget", "regression", "dirty", "silent");
    final ThresholdRule threshold = rules.of(ThresholdRule.class).get(0);
    assertThat(threshold.metric()).isEqualTo(RateMetric.EMISSIONS_GRAMS_PER_1K_OUTPUT_TOKENS);
    assertThat(threshold.above()).isEqualTo(2.5);
    assertThat(threshold.common().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(threshold.common().labels()).containsEntry("team", "ml-platform");
    final BudgetBurnRule budget = rules.of(BudgetBurnRule.class).get(0);
    assertThat(budget.per()).isEqualTo(BudgetBurnRule.Per.TENANT);
    assertThat(budget.budgetGramsPerHour()).isEqualTo(1000.0 / 24);
    assertThat(rules.of(EfficiencyRule.class).get(0).minSamples()).isEqualTo(5);
    assertThat(rules.of(DirtyGridRule.class).get(0).aboveForecastBy()).isNull();
    final StaleTelemetryRule silent = rules.of(StaleTelemetryRule.class).get(0);
    assertThat(silent.silentFor()).isEqualTo(Duration.ofMinutes(3));
    assertThat(silent.common().resolveAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(silent.common().severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void shouldLoadTheBuiltInRules() {
    final AlertRules builtIn = AlertRules.builtIn();
    assertThat(builtIn.of(DirtyGridRule.class)).hasSize(1);
    assertThat(builtIn.of(StaleTelemetryRule.class)).hasSize(1);
    assertThat(builtIn.of(EfficiencyRule.class)).hasSize(1);
    assertThat(builtIn.of(ThresholdRule.class)).hasSize(1);
  }

  @Test
  void shouldNameTheRuleAndTheFieldOfEveryProblem() {
    final List<String> problems =
        problemsOf(
            """
            rules:
              - name: carbon
                type: threshold
                metric: grams_per_banana
                above: lots
              - name: dirty
                type: dirty-grid
                minSaving: 2
                colour: red
              - name: carbon
                type: stale-telemetry
                silentFor: soon
              - type: budget-burn
                budgetGramsPerDay: 10
              - name: burn
                type: budget-burn
                shortWindow: 2h
            """);
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("rule 'carbon' (rules[0]), field 'metric'"))
        .anySatisfy(p -> assertThat(p).startsWith("rule 'carbon' (rules[0]), field 'above'"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("rule 'dirty' (rules[1]), field 'minSaving'")
                    .contains("2"))
        .anySatisfy(
            p -> assertThat(p).startsWith("rule 'dirty' (rules[1]), field 'colour': unknown field"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "rule 'carbon' (rules[2]), field 'name': another rule has the same name"))
        .anySatisfy(p -> assertThat(p).startsWith("rule 'carbon' (rules[2]), field 'silentFor'"))
        .anySatisfy(p -> assertThat(p).isEqualTo("rules[3], field 'name': is required"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("rule 'burn' (rules[4]), field 'budgetGramsPerDay': is required"))
        .anySatisfy(p -> assertThat(p).startsWith("rule 'burn' (rules[4]), field 'shortWindow'"));
  }

  @Test
  void shouldRejectAFileWithoutARulesList() {
    assertThat(problemsOf("alerts: []\n"))
        .containsExactly(
            "unknown top-level key 'alerts' (expected: rules)", "'rules' must be a list of rules");
  }

  @Test
  void shouldRejectAnUnknownType() {
    assertThat(problemsOf("rules:\n  - {name: x, type: sometimes}\n"))
        .singleElement()
        .asString()
        .startsWith("rule 'x' (rules[0]), field 'type': must be one of [threshold, budget-burn");
  }

  @Test
  void shouldReportDurationsAsTheConfigurationDoesWithoutFollowOnProblems() {
    assertThat(
            problemsOf(
                """
                rules:
                  - {name: burn, type: budget-burn, budgetGramsPerDay: 10, longWindow: 0s}
                  - {name: quiet, type: stale-telemetry, silentFor: soon}
                """))
        .containsExactly(
            "rule 'burn' (rules[0]), field 'longWindow': must be positive, was '0s'",
            "rule 'quiet' (rules[1]), field 'silentFor': must be a duration such as 5s, 10m, 1h"
                + " or PT5S, was 'soon'");
  }

  @Test
  void shouldReportUnreadableYaml() {
    assertThatThrownBy(() -> load("rules: [unclosed\n"))
        .isInstanceOf(InvalidRulesException.class)
        .hasMessageContaining("cannot read");
  }
}
