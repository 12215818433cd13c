package io.inferenceimpact.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs another program (Confluent's Python or Node client, promtool, ...) with a time limit,
 * feeding it standard input and collecting both outputs. A program that outlives its limit is
 * killed and reported, never left behind.
 */
public final class ExternalProcess {

  /** What a finished program left: its exit code and both outputs. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String describe() {
      return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  private ExternalProcess() {}

  /**
   * The repository root, passed by the build (surefire) as {@code impact.repo.root}; else two
   * levels above the module that runs the test (topology/&lt;module&gt;).
   */
  public static Path repoRoot() {
    final String root = System.getProperty("impact.repo.root");
    return root != null ? Path.of(root) : Path.of("../..").toAbsolutePath().normalize();
  }

  public static Result run(final List<String> command, final String stdin, final Duration limit) {
    final Process process;
    try {
      process = new ProcessBuilder(command).directory(repoRoot().toFile()).start();
    } catch (final IOException e) {
      throw new UncheckedIOException(
          "cannot start "
              + command.get(0)
              + " (run ./run-tests once: it installs what the tests need)",
          e);
    }
    final CompletableFuture<String> out = drain(process.getInputStream());
    final CompletableFuture<String> err = drain(process.getErrorStream());
    try (var in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (final IOException e) {
      // The program may exit before reading its input; its exit code and stderr tell why.
    }
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            command + " did not finish within " + limit + "; stderr so far:\n" + err.getNow(""));
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (final InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + command, e);
    }
  }

  private static CompletableFuture<String> drain(final InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (final IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
          }
        });
  }
}
