package io.inferenceimpact.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferenceimpact.subscribe.AlertFormat;
import io.inferenceimpact.subscribe.AlertRecords;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code impact alerts tail} as its own JVM, configured by a {@code --config} file: it prints the
 * episode, and Ctrl-C (SIGINT) ends it cleanly — its summary on stderr, no stack trace, the exit
 * status of an interrupted program (130), within seconds.
 */
class AlertsTailProcessIntegrationTest {
  private static final int SIGINT_EXIT_STATUS = 130;

  @Test
  void shouldPrintAlertsAndStopCleanlyOnCtrlC() throws Exception {
    final String bootstrap = SharedInfrastructure.broker().bootstrapServers();
    final String topic = SharedInfrastructure.unique("alerts-tail-process");
    SharedInfrastructure.broker().createTopic(topic, 2);
    AlertsTailIntegrationTest.produceTo(bootstrap, topic, AlertRecords.scenario());
    final Path dir = Files.createDirectories(Path.of("target", "tmp", topic));
    final Path config =
        Files.writeString(
            dir.resolve("impact.yaml"),
            String.join(
                "\n",
                "kafka:",
                "  bootstrap.servers: " + bootstrap,
                "schemaRegistry:",
                "  url: " + SharedInfrastructure.registry().url(),
                "topics:",
                "  alerts: " + topic,
                ""));
    final File stdout = dir.resolve("stdout").toFile();
    final File stderr = dir.resolve("stderr").toFile();
    final Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ImpactCli.class.getName(),
                    "alerts",
                    "tail",
                    "--config",
                    config.toString(),
                    "--from-beginning"))
            .redirectOutput(stdout)
            .redirectError(stderr)
            .start();
    try {
      final AlertFormat plain = new AlertFormat(false);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  read(stdout).contains(plain.block(AlertRecords.firing()))
                      && read(stdout).contains(plain.block(AlertRecords.resolved()))
                      && read(stdout).contains(plain.block(AlertRecords.otherModelWarning())));
      final String printed = read(stdout);
      assertThat(printed.indexOf(plain.block(AlertRecords.firing())))
          .isLessThan(printed.indexOf(plain.block(AlertRecords.resolved())));

      new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();

      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGINT").isTrue();
      assertThat(process.exitValue()).isEqualTo(SIGINT_EXIT_STATUS);
      assertThat(read(stderr))
          .contains("3 shown, 0 filtered out (stopped)")
          .doesNotContain("Exception");
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String read(final File file) throws IOException {
    return Files.readString(file.toPath());
  }
}
