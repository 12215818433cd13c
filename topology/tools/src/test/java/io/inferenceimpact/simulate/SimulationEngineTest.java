package io.inferenceimpact.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulationEngineTest {

  @Test
  void shouldProduceTheSameRecordsForTheSameSeed() {
    final var first =
        RecordingSink.run(RecordingSink.settings(20, Duration.ofSeconds(30), Scenario.alerts(), 7));
    final var again =
        RecordingSink.run(RecordingSink.settings(20, Duration.ofSeconds(30), Scenario.alerts(), 7));
    final var other =
        RecordingSink.run(RecordingSink.settings(20, Duration.ofSeconds(30), Scenario.alerts(), 8));

    assertThat(first.requests).isNotEmpty().isEqualTo(again.requests);
    assertThat(first.samples).isNotEmpty().isEqualTo(again.samples);
    assertThat(first.grid).isNotEmpty().isEqualTo(again.grid);
    assertThat(other.requests).isNotEqualTo(first.requests);
  }

  @Test
  void shouldSampleEveryGpuEverySecondWithPowerBetweenIdleAndLimit() {
    final var sink =
        RecordingSink.run(
            RecordingSink.settings(200, Duration.ofSeconds(120), Scenario.normal(), 1));

    assertThat(sink.samples).hasSize(16 * 120);
    assertThat(sink.samples).allSatisfy(s -> assertThat(s.getPowerWatts()).isBetween(126.0, 700.0));
    assertThat(sink.samples.stream().mapToDouble(GpuSample::getPowerWatts).max().orElseThrow())
        .as("GPUs do work under load")
        .isGreaterThan(250.0);
  }

  @Test
  void shouldKeepEachCounterEqualToTheTrapezoidOfItsPowerWithinOneThousandth() {
    final var sink =
        RecordingSink.run(
            RecordingSink.settings(50, Duration.ofSeconds(300), Scenario.normal(), 3));
    final Map<String, List<GpuSample>> byGpu =
        sink.samples.stream().collect(Collectors.groupingBy(GpuSample::getGpuUuid));

    assertThat(byGpu).hasSize(16);
    byGpu.forEach(
        (gpu, samples) -> {
          double trapezoidJoules = 0.0;
          for (int i = 1; i < samples.size(); i++) {
            final double seconds =
                (samples.get(i).getTime().toEpochMilli()
                        - samples.get(i - 1).getTime().toEpochMilli())
                    / 1000.0;
            trapezoidJoules +=
                (samples.get(i).getPowerWatts() + samples.get(i - 1).getPowerWatts()) / 2 * seconds;
          }
          final double counterJoules =
              (samples.get(samples.size() - 1).getEnergyMillijoulesTotal()
                      - samples.get(0).getEnergyMillijoulesTotal())
                  / 1000.0;
          assertThat(counterJoules)
              .as(gpu)
              .isCloseTo(trapezoidJoules, within(trapezoidJoules * 0.001));
        });
  }

  @Test
  void shouldMatchTheTracesMeanTokenCountsOverALongRun() {
    final var sink =
        RecordingSink.run(
            RecordingSink.settings(40, Duration.ofMinutes(20), Scenario.normal(), 11));
    final var rows = AzureTrace.bundled().rows();
    final double traceInput =
        rows.stream().mapToInt(AzureTrace.Row::contextTokens).average().orElseThrow();
    final double traceOutput =
        rows.stream().mapToInt(AzureTrace.Row::generatedTokens).average().orElseThrow();

    assertThat(sink.requests.size()).as("requests at 40/s over 20 min").isBetween(44_000, 52_000);
    assertThat(
            sink.requests.stream()
                .mapToLong(InferenceRequest::getInputTokens)
                .average()
                .orElseThrow())
        .isCloseTo(traceInput, within(traceInput * 0.04));
    assertThat(
            sink.requests.stream()
                .mapToLong(InferenceRequest::getOutputTokens)
                .average()
                .orElseThrow())
        .isCloseTo(traceOutput, within(traceOutput * 0.04));
  }

  @Test
  void shouldEmitRequestsThatMatchTheirDeployment() {
    final var settings = RecordingSink.settings(20, Duration.ofSeconds(60), Scenario.normal(), 5);
    final var sink = RecordingSink.run(settings);
    final Fleet fleet = Fleet.build(4, 4, 5);
    final Map<String, Fleet.Deployment> byName =
        fleet.deployments().stream().collect(Collectors.toMap(Fleet.Deployment::name, d -> d));

    assertThat(sink.requests).isNotEmpty();
    assertThat(sink.requests)
        .allSatisfy(
            r -> {
              final Fleet.Deployment d = byName.get(r.getDeployment());
              assertThat(r.getModel()).isEqualTo(d.model().name());
              assertThat(r.getZone()).isEqualTo(d.node().zone());
              assertThat(r.getGpuUuids()).hasSize(d.model().gpusPerReplica());
              assertThat(r.getEndTime()).isAfter(r.getStartTime());
              assertThat(r.getStartTime()).isAfterOrEqualTo(RecordingSink.START);
              assertThat(r.getTimeToFirstTokenMs()).isPositive();
            });
    assertThat(sink.requests.stream().map(InferenceRequest::getModel).distinct()).hasSize(3);
  }
}
