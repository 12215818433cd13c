package io.inferenceimpact.app;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.InvalidConfigException;
import io.inferenceimpact.replay.Calibration;
import io.inferenceimpact.replay.InputKind;
import io.inferenceimpact.replay.Replay;
import io.inferenceimpact.replay.ReplayOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code impact replay}: runs the topology offline over JSON-lines files and writes one JSON-lines
 * file per output topic (see docs/REPLAY.md). Malformed input lines are not fatal: they reach the
 * DLQ output, as in production.
 */
@Command(
    name = "replay",
    description =
        "Run the topology offline over JSON-lines files; one deterministic JSON-lines file per"
            + " output topic.")
final class ReplayCommand implements Callable<Integer> {
  @ParentCommand ImpactCli root;
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--requests",
      required = true,
      paramLabel = "FILE",
      description = "JSON lines of inference requests (InferenceRequest fields).")
  Path requests;

  @Option(
      names = "--gpu-samples",
      required = true,
      paramLabel = "FILE",
      description = "JSON lines of GPU samples (GpuSample fields).")
  Path gpuSamples;

  @Option(
      names = "--grid",
      paramLabel = "FILE",
      description = "JSON lines of grid intensities (GridIntensity fields); optional.")
  Path grid;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder, created if needed; files of the same names are replaced.")
  Path out;

  @Option(
      names = "--calibration",
      description =
          "Also write calibration.jsonl: per model, measured vs estimated facility energy of the"
              + " MEASURED requests, and their ratio.")
  boolean calibration;

  @Override
  public Integer call() {
    final Map<InputKind, Path> inputs = new EnumMap<>(InputKind.class);
    inputs.put(InputKind.REQUESTS, existing("--requests", requests));
    inputs.put(InputKind.GPU_SAMPLES, existing("--gpu-samples", gpuSamples));
    if (grid != null) {
      inputs.put(InputKind.GRID, existing("--grid", grid));
    }
    final PrintWriter stdout = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final Path file = config.resolve(root.env());
    final ImpactConfig loaded;
    try {
      loaded = ConfigLoader.load(file, root.env());
    } catch (final InvalidConfigException e) {
      err.println("invalid configuration" + (file == null ? "" : " in " + file) + ":");
      e.problems().forEach(p -> err.println("  " + p));
      err.flush();
      return ExitCodes.INVALID_CONFIGURATION;
    }
    try {
      final List<ReplayOutput> outputs = new ArrayList<>(new Replay(loaded).run(inputs, out, err));
      if (calibration) {
        outputs.add(new Calibration(loaded).write(requests, out));
      }
      outputs.forEach(o -> stdout.println(o.summary()));
      stdout.flush();
      return ExitCodes.OK;
    } catch (final IOException | RuntimeException e) {
      err.println("replay failed: " + e);
      err.flush();
      return ExitCodes.RUNTIME_FAILURE;
    }
  }

  private Path existing(final String option, final Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ParameterException(
          spec.commandLine(), option + ": no such file: " + path.toAbsolutePath());
    }
    return path;
  }
}
