package io.inferenceimpact.simulate;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a simulation emits, for assertions. */
final class RecordingSink implements SimulationSink {
  final List<InferenceRequest> requests = new ArrayList<>();
  final List<GpuSample> samples = new ArrayList<>();
  final List<GridIntensity> grid = new ArrayList<>();

  @Override
  public void request(final InferenceRequest request) {
    requests.add(request);
  }

  @Override
  public void gpuSample(final GpuSample sample) {
    samples.add(sample);
  }

  @Override
  public void grid(final GridIntensity intensity) {
    grid.add(intensity);
  }

  static final Instant START = Instant.parse("2025-06-15T10:00:00Z");

  static SimulatorSettings settings(
      final double rate, final Duration duration, final Scenario scenario, final long seed) {
    return new SimulatorSettings(rate, 4, 4, duration, scenario, seed, 0.0, START, true);
  }

  /** Runs the engine to the end of the settings' duration. */
  static RecordingSink run(final SimulatorSettings settings) {
    final RecordingSink sink = new RecordingSink();
    final SimulationEngine engine = new SimulationEngine(settings, HourlyGridSeries.bundled());
    while (!engine.finished()) {
      engine.step(sink);
    }
    return sink;
  }
}
