package io.inferenceimpact.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code impact run} in its own JVM, started from the test's own classpath ({@code java -cp
 * <test runtime classpath> io.inferenceimpact.app.ImpactCli run --config FILE}) with its output in
 * a log file under target/. {@link #kill()} is kill -9 ({@link Process#destroyForcibly()}) of the
 * process this class started; {@link #close()} makes sure none is left behind.
 */
final class AppInstance implements AutoCloseable {
  /** The exit code of a JVM that SIGTERM ended (128 + 15), its shutdown hooks having run. */
  static final int SIGTERM_EXIT = 143;

  private static final String RUNNING = "-> RUNNING";

  private final String name;
  private final Process process;
  private final Path log;

  private AppInstance(final String name, final Process process, final Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code impact run --config configFile}; the environment holds no IMPACT/KAFKA keys. */
  static AppInstance start(final String name, final Path configFile, final Path log) {
    return start(name, configFile, log, List.of());
  }

  /** As {@link #start(String, Path, Path)}, with more JVM options (e.g. system properties). */
  static AppInstance start(
      final String name, final Path configFile, final Path log, final List<String> jvmOptions) {
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    final List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx320m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
            // Its own log file, read by the test for the service's state lines (INFO): the test
            // logging's WARN default is for the test command's console.
            "-Dimpact.test.log=INFO"));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.inferenceimpact.app.ImpactCli",
            "run",
            "--config",
            configFile.toAbsolutePath().toString()));
    final ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    final Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("KAFKA_")
                    || k.startsWith("SCHEMA_REGISTRY_")
                    || k.startsWith("IMPACT_"));
    try {
      Files.createDirectories(log.getParent());
      return new AppInstance(name, builder.start(), log);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Waits until the log shows Kafka Streams RUNNING. */
  AppInstance awaitRunning(final Duration limit) {
    awaitLog(RUNNING, 1, limit);
    return this;
  }

  /** Waits until {@code text} appears {@code times} times in the log, failing if the JVM exits. */
  void awaitLog(final String text, final int times, final Duration limit) {
    await(name + " logs '" + text + "' " + times + "x")
        .atMost(limit)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive() && occurrences(text) < times) {
                throw new AssertionError(
                    name + " exited with " + process.exitValue() + "; log:\n" + logText());
              }
              return occurrences(text) >= times;
            });
  }

  int occurrences(final String text) {
    final String all = logText();
    int count = 0;
    for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + text.length())) {
      count++;
    }
    return count;
  }

  String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (final IOException e) {
      return "<log unreadable: " + e + ">";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** kill -9 of this process, and wait until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " (pid " + process.pid() + ") survived kill -9");
    }
  }

  /** SIGTERM (a clean shutdown: commit, flush state); returns the exit code. */
  int stop(final Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(name + " did not stop within " + limit + "; log:\n" + logText());
    }
    return process.exitValue();
  }

  /**
   * SIGTERM to every instance at once, then waits for each; fails unless each exits 0 or {@link
   * #SIGTERM_EXIT} (a clean shutdown).
   */
  static void stopAll(final List<AppInstance> instances, final Duration limit)
      throws InterruptedException {
    instances.forEach(i -> i.process.destroy());
    for (final AppInstance i : instances) {
      final int exit = i.stop(limit);
      if (exit != 0 && exit != SIGTERM_EXIT) {
        throw new AssertionError(i.name + " exited with " + exit + "; log:\n" + i.logText());
      }
    }
  }

  /** SIGSTOP: freezes this process where it is (in the middle of whatever it was doing). */
  void suspend() throws Exception {
    signal("STOP");
  }

  /** SIGCONT: lets a {@link #suspend suspended} process go on. */
  void resume() throws Exception {
    signal("CONT");
  }

  private void signal(final String name) throws Exception {
    final Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + name + " " + pid() + " failed");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }
}
