package io.inferenceimpact.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Invalid alert rules stop every command that would start the service, before anything starts. */
class AlertsCliTest {
  private static final String BAD_RULES =
      """
      rules:
        - name: carbon-per-1k
          type: threshold
          metric: emissions_grams_per_1k_output_tokens
          above: -1
        - name: dirty
          type: dirty-grid
          minSavings: 0.3
      """;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final Map<String, String> env, final String... args) {
    final CommandLine cli = ImpactCli.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldRefuseToRunOrDemoWithInvalidRulesNamingRuleAndField() throws IOException {
    final Path bad = write("bad-rules.yaml", BAD_RULES);
    final Map<String, String> env = Map.of("IMPACT_ALERTS_RULES_FILE", bad.toString());

    assertThat(run(env, "run")).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(run(env, "demo", "--duration", "1s")).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(run(env, "config", "validate")).isEqualTo(ExitCodes.INVALID_CONFIGURATION);

    assertThat(err.toString())
        .contains("alerts.rulesFile")
        .contains("rule 'carbon-per-1k' (rules[0]), field 'above': must be between 0.0")
        .contains("rule 'dirty' (rules[1]), field 'minSavings': unknown field");
    assertThat(out.toString()).doesNotContain("started", "Kafka bootstrap");
  }

  @Test
  void shouldValidateARulesFileOnItsOwn() throws IOException {
    assertThat(
            run(Map.of(), "alerts", "validate", "--rules", write("bad.yaml", BAD_RULES).toString()))
        .isEqualTo(ExitCodes.INVALID_CONFIGURATION);
    assertThat(err.toString()).contains("2 problems").contains("field 'minSavings'");

    final Path ok =
        write("ok.yaml", "rules:\n  - {name: silent, type: stale-telemetry, severity: critical}\n");
    assertThat(run(Map.of(), "alerts", "validate", "--rules", ok.toString())).isZero();
    assertThat(out.toString()).contains("1 valid rule(s)", "silent (stale-telemetry, critical)");
  }

  @Test
  void shouldPrintTheAlertsSectionInTheLayoutOfTheConfigurationFile() {
    assertThat(run(Map.of(), "config", "validate")).isZero();
    assertThat(out.toString())
        .contains("alerts:\n  evaluateEvery: 10s\n")
        .doesNotContain("common:");
  }

  @Test
  void shouldListTheBuiltInRules() {
    assertThat(run(Map.of(), "alerts", "validate")).isZero();
    assertThat(out.toString()).contains("built-in rules", "dirty-grid (dirty-grid, info)");
  }

  private static Path write(final String name, final String content) throws IOException {
    final Path dir = Files.createDirectories(Path.of("target", "tmp", "alerts-cli-test"));
    return Files.writeString(dir.resolve(name), content);
  }
}
