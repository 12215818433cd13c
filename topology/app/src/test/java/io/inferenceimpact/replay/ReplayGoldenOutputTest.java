package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.app.ImpactCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code impact replay}'s outputs stay byte-identical to the files it wrote on the main line of
 * 2026-12-03 ({@code src/test/resources/replay/golden/<scenario>/}, with the calibration report): a
 * refactoring (moving code between modules, changing internal record formats) must not change a
 * single byte of any result. Scenarios: {@code example} (measured requests, invalid lines to the
 * DLQ, no grid, default configuration) and {@code zones} (the same plus estimated requests, nodes
 * placed in zones and an hourly grid series). A change of results on purpose rewrites the files
 * with {@code -Dimpact.replay.golden.update=true} (run from topology/app), and the commit says why.
 */
class ReplayGoldenOutputTest {
  private static final Path GOLDEN = Path.of("src/test/resources/replay/golden");
  private static final String UPDATE = "impact.replay.golden.update";

  @TempDir Path tmp;

  @Test
  void shouldReplayTheExampleAsOnTheGoldenRun() throws Exception {
    assertGolden(
        "example",
        List.of(
            "--requests", input("example", "requests.jsonl"),
            "--gpu-samples", input("example", "gpu-samples.jsonl")));
  }

  @Test
  void shouldReplayTheZonesScenarioAsOnTheGoldenRun() throws Exception {
    assertGolden(
        "zones",
        List.of(
            "--config", input("zones", "impact.yaml"),
            "--requests", input("zones", "requests.jsonl"),
            "--gpu-samples", input("zones", "gpu-samples.jsonl"),
            "--grid", input("zones", "grid.jsonl")));
  }

  private void assertGolden(final String scenario, final List<String> inputs) throws Exception {
    final Path out = tmp.resolve(scenario);
    final Path goldenDir = GOLDEN.resolve(scenario);
    final StringWriter err = new StringWriter();
    final CommandLine cli = ImpactCli.commandLine(Map.of());
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    final List<String> args = new ArrayList<>(List.of("replay"));
    args.addAll(inputs);
    args.addAll(List.of("--calibration", "--out", out.toString()));
    final int exit = cli.execute(args.toArray(String[]::new));
    assertThat(exit).as(err.toString()).isZero();

    if (Boolean.getBoolean(UPDATE)) {
      Files.createDirectories(goldenDir);
      try (Stream<Path> old = Files.list(goldenDir)) {
        for (final Path file : old.toList()) {
          Files.delete(file);
        }
      }
      for (final String name : fileNames(out)) {
        Files.copy(out.resolve(name), goldenDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }

    final List<String> golden = fileNames(goldenDir);
    assertThat(golden).as("golden files in " + goldenDir.toAbsolutePath()).isNotEmpty();
    assertThat(fileNames(out)).isEqualTo(golden);
    for (final String name : golden) {
      assertThat(Files.readString(out.resolve(name)))
          .as(name + " against " + goldenDir.resolve(name))
          .isEqualTo(Files.readString(goldenDir.resolve(name)));
    }
  }

  private static String input(final String scenario, final String name) throws URISyntaxException {
    return Path.of(
            ReplayGoldenOutputTest.class.getResource("/replay/" + scenario + "/" + name).toURI())
        .toString();
  }

  private static List<String> fileNames(final Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
