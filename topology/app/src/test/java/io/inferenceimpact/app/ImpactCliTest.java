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

class ImpactCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final Map<String, String> env, final String... args) {
    final CommandLine cli = ImpactCli.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldListAllSubcommandsAndExitCodesInHelp() {
    assertThat(run(Map.of(), "--help")).isZero();

    assertThat(out.toString())
        .contains("run", "demo", "replay", "simulate", "grid", "alerts", "topics", "config")
        .contains("Exit codes:", "3  invalid configuration");
  }

  @Test
  void shouldPrintTheProjectVersion() {
    assertThat(run(Map.of(), "--version")).isZero();

    assertThat(out.toString().trim()).matches("impact \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void shouldExit3NamingTheKeyOfAnInvalidConfig() throws IOException {
    final Path bad =
        write("bad.yaml", "windows:\n  sise: 2m\nfleet:\n  nodes:\n    node-3:\n      pue: 0.8\n");

    assertThat(run(Map.of(), "config", "validate", "--config", bad.toString())).isEqualTo(3);

    assertThat(err.toString())
        .contains("windows.sise: unknown key (did you mean windows.size?)")
        .contains("fleet.nodes[node-3].pue: must be >= 1.0, was 0.8");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldPrintEffectiveConfigWithSecretsMaskedWhenValid() throws IOException {
    final Path ok = write("ok.yaml", "windows:\n  size: 2m\n");

    final int code =
        run(
            Map.of(
                "IMPACT_CONFIG", ok.toString(), "KAFKA_SASL_JAAS_CONFIG", "password=\"hunter2\""),
            "config",
            "validate");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("size: 2m", "sasl.jaas.config:").doesNotContain("hunter2");
  }

  @Test
  void shouldShowTheOptionsOfASubcommandOnHelp() {
    assertThat(run(Map.of(), "alerts", "tail", "--help")).isZero();

    assertThat(out.toString())
        .contains("Usage: impact alerts tail")
        .contains("--from-beginning", "--severity", "--model", "--max", "--timeout");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void shouldExit2OnBadAlertsTailOptions() {
    assertThat(run(Map.of(), "alerts", "tail", "--severity", "LOUD")).isEqualTo(2);
    assertThat(run(Map.of(), "alerts", "tail", "--timeout", "soon")).isEqualTo(2);
    assertThat(run(Map.of(), "alerts", "tail", "--max", "0")).isEqualTo(2);
    assertThat(run(Map.of(), "alerts")).isEqualTo(2);

    assertThat(err.toString())
        .contains("--severity", "LOUD")
        .contains("'soon' is not a positive duration")
        .contains("--max must be at least 1, was 0")
        .contains("Usage: impact alerts");
  }

  @Test
  void shouldRefuseToRunOrCreateTopicsOnAnInvalidConfiguration() {
    final Map<String, String> env = Map.of("IMPACT_WINDOWS_SIZE", "often");

    assertThat(run(env, "run")).isEqualTo(3);
    assertThat(run(env, "topics", "create")).isEqualTo(3);
    assertThat(run(env, "demo", "--duration", "1s")).isEqualTo(3);
    assertThat(run(env, "grid", "--source", "static", "--zones", "DE")).isEqualTo(3);
    assertThat(run(env, "dcgm-bridge", "--url", "http://127.0.0.1:1/metrics", "--node", "n1"))
        .isEqualTo(3);
    assertThat(err.toString()).contains("windows.size").contains("IMPACT_WINDOWS_SIZE");
    assertThat(err.toString().split("invalid configuration \\(1 problem\\):", -1))
        .as("one report of the problem per command: run, topics, demo, grid, dcgm-bridge")
        .hasSize(6);
  }

  @Test
  void shouldAskForZonesWhenNeitherTheFlagNorTheGridSectionNamesThem() {
    assertThat(run(Map.of(), "grid", "--source", "static", "--once")).isEqualTo(2);
    assertThat(err.toString()).contains("no zones to poll: pass --zones or set grid.zones");
  }

  @Test
  void shouldExit2OnUsageErrors() {
    assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
    assertThat(run(Map.of())).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: impact");
  }

  private static Path write(final String name, final String content) throws IOException {
    final Path dir = Files.createDirectories(Path.of("target", "tmp", "cli-test"));
    return Files.writeString(dir.resolve(name), content);
  }
}
