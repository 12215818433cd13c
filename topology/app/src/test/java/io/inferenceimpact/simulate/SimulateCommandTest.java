package io.inferenceimpact.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.app.ExitCodes;
import io.inferenceimpact.app.ImpactCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage errors of {@code impact simulate} stop it before it connects to anything. */
class SimulateCommandTest {

  @Test
  void shouldRequireADurationWhenRunningFasterThanRealTime() {
    final StringWriter err = new StringWriter();
    final var cli = ImpactCli.commandLine(Map.of());
    cli.setErr(new PrintWriter(err));

    final int exit = cli.execute("simulate", "--speed", "max");

    assertThat(exit).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(err.toString()).contains("duration is required");
  }

  @Test
  void shouldRejectAnUnknownScenario() {
    final StringWriter err = new StringWriter();
    final var cli = ImpactCli.commandLine(Map.of());
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("simulate", "--duration", "1m", "--scenario", "chaos"))
        .isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(err.toString()).contains("unknown scenario 'chaos'");
  }
}
