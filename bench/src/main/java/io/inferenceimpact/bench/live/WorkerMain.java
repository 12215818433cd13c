package io.inferenceimpact.bench.live;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One workload of the live benchmark in its own JVM, so that its process CPU time and resident
 * memory are its own: {@code pipe} ({@link PipeWorkload}), {@code dsl} ({@link DslWorkload}) or
 * {@code product} ({@link ProductWorkload}). Arguments: the kind, then {@code key=value} settings
 * ({@code maxSeconds} the time limit). Answers {@code STARTED <epoch ms>} once processing starts
 * (the time and the CPU time count from before the workload's clients are created); then {@code
 * SAMPLE} is answered with {@code <process CPU ns since the start> <state> <failure or -> <marks>}
 * (see {@link Workload#marks()}); {@code STOP} (or the end of the input) closes the workload and
 * exits.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(final String[] args) throws Exception {
    final Map<String, String> settings = new TreeMap<>();
    Arrays.stream(args)
        .skip(1)
        .forEach(
            a -> settings.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
    ChildSide.watchdog(Duration.ofSeconds(Long.parseLong(settings.get("maxSeconds"))));
    final Workload workload =
        switch (args[0]) {
          case "pipe" -> new PipeWorkload(settings);
          case "dsl" -> new DslWorkload(settings);
          case "product" -> new ProductWorkload(settings);
          default -> throw new IllegalArgumentException("unknown workload " + args[0]);
        };
    Runtime.getRuntime().addShutdownHook(new Thread(workload::close, "workload-close"));
    final long warmUpSeconds = Long.parseLong(settings.getOrDefault("warmUpSeconds", "0"));
    if (warmUpSeconds > 0) {
      workload.warmUp(warmUpSeconds);
    }
    final long cpuAtStart = ChildSide.processCpuNanos();
    final long startMillis = System.currentTimeMillis();
    workload.start();
    ChildSide.answer("STARTED " + startMillis);
    ChildSide.serve(
        command -> {
          if (!command.equals("SAMPLE")) {
            return "unknown command";
          }
          final String failure = workload.failure();
          return (ChildSide.processCpuNanos() - cpuAtStart)
              + " "
              + workload.state()
              + " "
              + (failure == null ? "-" : failure.replaceAll("\\s+", "_"))
              + " "
              + workload.marks(cpuAtStart);
        });
    workload.close();
    System.exit(0);
  }
}
