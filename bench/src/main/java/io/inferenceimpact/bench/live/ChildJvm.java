package io.inferenceimpact.bench.live;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started from this benchmark's own class path, spoken to over its standard streams:
 * lines it prints starting with {@link #PROTOCOL} are answers, everything else goes to its log
 * file. It is stopped by its process id: {@code STOP} on its input first, then SIGTERM, then
 * SIGKILL. A shutdown hook stops it if this JVM ends first.
 */
final class ChildJvm implements AutoCloseable {
  /** Prefix of the lines of the protocol between the benchmark and its children. */
  static final String PROTOCOL = "@@live ";

  private final String name;
  private final Process process;
  private final Writer input;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final Path log;
  private final Thread hook;
  private boolean closed;

  private ChildJvm(final String name, final Process process, final Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.input =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    final Thread reader = new Thread(this::readOutput, "live-" + name + "-output");
    reader.setDaemon(true);
    reader.start();
    this.hook = new Thread(process::destroyForcibly, "live-" + name + "-kill");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code mainClass} with the given JVM options and arguments; its output goes to {@code
   * logDir/name.log}.
   */
  static ChildJvm start(
      final String name,
      final List<String> jvmOptions,
      final Class<?> mainClass,
      final List<String> args,
      final Path logDir) {
    final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    final List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    final Path log = logDir.resolve(name + ".log");
    try {
      Files.createDirectories(logDir);
      final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return new ChildJvm(name, process, log);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Sends one command line. */
  synchronized void send(final String command) {
    try {
      input.write(command);
      input.write('\n');
      input.flush();
    } catch (final IOException e) {
      throw new UncheckedIOException(name + " (pid " + pid() + ") does not listen any more", e);
    }
  }

  /** The next answer starting with {@code word}; earlier answers of other kinds are dropped. */
  String await(final String word, final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      final long left = deadline - System.nanoTime();
      final String line = left <= 0 ? null : answers.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(
            name
                + " (pid "
                + pid()
                + (process.isAlive() ? "" : ", exited " + process.exitValue())
                + ") did not answer "
                + word
                + " within "
                + timeout.toSeconds()
                + " s; see "
                + log);
      }
      if (line.equals("EXIT")) {
        throw new IllegalStateException(
            name + " (pid " + pid() + ") stopped before answering " + word + "; see " + log);
      }
      if (line.equals(word) || line.startsWith(word + " ")) {
        return line.substring(word.length()).trim();
      }
    }
  }

  /** Sends {@code command} and returns the answer that starts with the same word. */
  String ask(final String command, final Duration timeout) throws InterruptedException {
    answers.clear();
    send(command);
    return await(command, timeout);
  }

  private void readOutput() {
    try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith(PROTOCOL)) {
          answers.add(line.substring(PROTOCOL.length()));
        }
        out.write(line);
        out.write('\n');
        out.flush();
      }
    } catch (final IOException e) {
      // The process is gone; the waiting side learns it from EXIT below.
    } finally {
      answers.add("EXIT");
    }
  }

  /** STOP, then SIGTERM after {@code grace}, then SIGKILL; waits until the process is gone. */
  void stop(final Duration grace) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (process.isAlive()) {
        try {
          send("STOP");
        } catch (final UncheckedIOException gone) {
          // already stopping
        }
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroy();
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
          }
        }
      }
    } catch (final InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (final IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(40));
  }
}
