package io.inferenceimpact.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.embedded.FreePort;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default end to end, in-process: broker, registry and service start on the given
 * ports, the command prints where to look, and after {@code --duration} everything it started is
 * gone (ports free again, no registry process left) and it exits 0.
 */
class DemoCommandIntegrationTest {

  @Test
  void shouldStartEverythingAndStopCleanlyAfterItsDuration(@TempDir final Path dataDir)
      throws IOException {
    final int kafkaPort = FreePort.find();
    final int registryPort = FreePort.find();
    final int metricsPort = FreePort.find();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final var commandLine = ImpactCli.commandLine(Map.of());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    final long registryProcessesBefore = registryProcesses();

    final int exitCode =
        commandLine.execute(
            "demo",
            "--duration",
            "3s",
            "--kafka-port",
            String.valueOf(kafkaPort),
            "--registry-port",
            String.valueOf(registryPort),
            "--metrics-port",
            String.valueOf(metricsPort),
            "--data-dir",
            dataDir.toString());

    assertThat(exitCode).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .contains("127.0.0.1:" + kafkaPort)
        .contains("http://127.0.0.1:" + registryPort + "/apis/ccompat/v7")
        .contains("http://127.0.0.1:" + metricsPort + "/metrics")
        .contains("inference.requests.v1")
        .contains(
            "SCHEMA_REGISTRY_URL=http://127.0.0.1:"
                + registryPort
                + "/apis/ccompat/v7 ./impact alerts tail")
        .contains("stopped after 3s");
    assertThat(portIsFree(kafkaPort)).as("broker port released").isTrue();
    assertThat(portIsFree(registryPort)).as("registry port released").isTrue();
    assertThat(portIsFree(metricsPort)).as("metrics port released").isTrue();
    assertThat(registryProcesses()).isEqualTo(registryProcessesBefore);
  }

  private static long registryProcesses() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("quarkus-run.jar"))
        .filter(ProcessHandle::isAlive)
        .count();
  }

  private static boolean portIsFree(final int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (final IOException e) {
      return false;
    }
  }
}
