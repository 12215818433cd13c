package io.inferenceimpact.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code impact run} refuses to start when the metrics port is taken, saying which key to change,
 * before Kafka Streams starts (no broker is needed to see it: the bootstrap address is unused).
 */
class RunCommandMetricsPortTest {

  @Test
  void shouldFailFastNamingMetricsPortWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final StringWriter err = new StringWriter();
      final var cli =
          ImpactCli.commandLine(
              Map.of(
                  "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                  "KAFKA_STATE_DIR", "target/tmp/run-metrics-port",
                  "IMPACT_METRICS_PORT", String.valueOf(taken.getLocalPort())));
      cli.setOut(new PrintWriter(new StringWriter()));
      cli.setErr(new PrintWriter(err));

      final long started = System.nanoTime();
      final int exitCode = cli.execute("run");

      assertThat(exitCode).isEqualTo(ExitCodes.RUNTIME_FAILURE);
      assertThat(err.toString())
          .contains("metrics.port")
          .contains("127.0.0.1:" + taken.getLocalPort());
      assertThat((System.nanoTime() - started) / 1_000_000_000.0).isLessThan(30.0);
    }
  }
}
