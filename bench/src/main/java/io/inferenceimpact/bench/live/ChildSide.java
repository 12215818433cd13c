package io.inferenceimpact.bench.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * The child's side of {@link ChildJvm}: answers on standard output, commands from standard input,
 * and a watchdog that ends the process after its time limit whatever happens, so that nothing the
 * benchmark starts outlives it for long.
 */
final class ChildSide {
  private ChildSide() {}

  static void answer(final String line) {
    synchronized (System.out) {
      System.out.println(ChildJvm.PROTOCOL + line);
      System.out.flush();
    }
  }

  /**
   * Ends the process with exit code 3 after {@code limit}, running its shutdown hooks (which close
   * what it started).
   */
  static void watchdog(final Duration limit) {
    final Thread thread =
        new Thread(
            () -> {
              try {
                Thread.sleep(limit.toMillis());
                System.err.println("time limit of " + limit.toSeconds() + " s reached, exiting");
                System.exit(3);
              } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "live-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Reads commands until {@code STOP} or the end of the input (the parent is gone); every other
   * command is answered with its first word followed by what {@code handler} returns for it.
   */
  static void serve(final Function<String, String> handler) throws IOException {
    final BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      final String command = line.trim();
      if (command.equals("STOP")) {
        return;
      }
      if (!command.isEmpty()) {
        answer(command + " " + handler.apply(command));
      }
    }
  }

  /** CPU time of this whole JVM (every thread, GC and JIT included), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
