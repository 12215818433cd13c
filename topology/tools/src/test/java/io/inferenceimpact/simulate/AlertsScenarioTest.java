package io.inferenceimpact.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The alerts scenario makes each alert type's condition happen; the normal one does not. */
class AlertsScenarioTest {
  private static final Scenario ALERTS = Scenario.alerts();
  private static final long START = RecordingSink.START.toEpochMilli();
  private static RecordingSink alerts;
  private static RecordingSink normal;

  @BeforeAll
  static void simulate() {
    alerts = RecordingSink.run(RecordingSink.settings(10, Duration.ofMinutes(12), ALERTS, 21));
    normal =
        RecordingSink.run(
            RecordingSink.settings(10, Duration.ofMinutes(12), Scenario.normal(), 21));
  }

  @Test
  void shouldSurgeTheLargestModelsTraffic() {
    final String model = ModelProfile.LLAMA_70B.name();
    final long before = count(alerts.requests, r -> r.getModel().equals(model) && at(r) < 30_000);
    final long during =
        count(
            alerts.requests, r -> r.getModel().equals(model) && at(r) >= 60_000 && at(r) < 90_000);

    assertThat(during)
        .as("70B requests in 30 s of surge vs the first 30 s")
        .isGreaterThan(4 * before);
    assertThat(count(normal.requests, r -> at(r) >= 60_000 && at(r) < 90_000))
        .isLessThan(count(alerts.requests, r -> at(r) >= 60_000 && at(r) < 90_000) / 2);
  }

  @Test
  void shouldRaiseTheMoeModelsEnergyPerTokenAfterItsDeploy() {
    final Scenario onlyRegression =
        new Scenario(
            "regression",
            null,
            Duration.ZERO,
            1,
            Duration.ofMinutes(2),
            1.5,
            null,
            Duration.ZERO,
            0,
            null,
            Duration.ZERO,
            null);
    final var regressed =
        RecordingSink.run(RecordingSink.settings(10, Duration.ofMinutes(4), onlyRegression, 21));
    final var baseline =
        RecordingSink.run(RecordingSink.settings(10, Duration.ofMinutes(4), Scenario.normal(), 21));
    final List<String> moeGpus =
        Fleet.build(4, 4, 21).deployments().stream()
            .filter(d -> d.model().equals(ModelProfile.MIXTRAL_8X7B))
            .flatMap(d -> d.gpus().stream().map(Fleet.Gpu::uuid))
            .toList();

    final double before =
        loadJoules(regressed.samples, moeGpus, 0, 120_000)
            / loadJoules(baseline.samples, moeGpus, 0, 120_000);
    final double after =
        loadJoules(regressed.samples, moeGpus, 121_000, 240_000)
            / loadJoules(baseline.samples, moeGpus, 121_000, 240_000);

    assertThat(before).isEqualTo(1.0);
    assertThat(after).as("x1.5 of the load power, less where capped").isBetween(1.45, 1.5001);
    assertThat(regressed.requests)
        .filteredOn(r -> r.getModel().equals(ModelProfile.MIXTRAL_8X7B.name()) && at(r) >= 121_000)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getAttributes()).containsEntry("model_version", "v2"));
  }

  @Test
  void shouldMakeOneZoneDirtyWhileAnotherZoneServingTheSameModelStaysClean() {
    final List<GridIntensity> de =
        alerts.grid.stream().filter(g -> g.getZone().equals("DE")).toList();
    final List<GridIntensity> fr =
        alerts.grid.stream().filter(g -> g.getZone().equals("FR")).toList();

    assertThat(de)
        .anySatisfy(
            g -> {
              assertThat(g.getValidFrom()).isEqualTo(Instant.ofEpochMilli(START + 45_000));
              assertThat(g.getIntensityGPerKwh()).isGreaterThanOrEqualTo(700.0);
              assertThat(g.getEstimationMethod()).isEqualTo("scenario");
            });
    assertThat(de.get(de.size() - 1).getIntensityGPerKwh())
        .as("back to the real value")
        .isLessThan(700.0);
    assertThat(fr)
        .isNotEmpty()
        .allSatisfy(g -> assertThat(g.getIntensityGPerKwh()).isLessThan(150.0));
    assertThat(normal.grid).allSatisfy(g -> assertThat(g.getEstimationMethod()).isNull());
  }

  @Test
  void shouldSilenceOneNodesTelemetryWhileItsRequestsContinue() {
    final long silentFrom = 41_000;
    final long silentTo = 40_000 + Duration.ofMinutes(5).toMillis();

    assertThat(
            count(
                alerts.samples,
                s ->
                    s.getNode().equals("node-00")
                        && sampleAt(s) >= silentFrom
                        && sampleAt(s) < silentTo))
        .isZero();
    assertThat(
            count(
                alerts.requests,
                r -> r.getNode().equals("node-00") && at(r) >= silentFrom && at(r) < silentTo))
        .isPositive();
    assertThat(count(alerts.samples, s -> s.getNode().equals("node-00") && sampleAt(s) > silentTo))
        .isPositive();
    assertThat(
            count(
                normal.samples,
                s ->
                    s.getNode().equals("node-00")
                        && sampleAt(s) >= silentFrom
                        && sampleAt(s) < silentTo))
        .isPositive();
  }

  @Test
  void shouldResetTheFirstGpusCounterWhenAsked() {
    final var sink =
        RecordingSink.run(
            RecordingSink.settings(
                5,
                Duration.ofSeconds(30),
                Scenario.normal().withCounterResetAt(Duration.ofSeconds(20)),
                2));
    final String first = Fleet.build(4, 4, 2).nodes().get(0).gpus().get(0).uuid();
    final List<GpuSample> samples =
        sink.samples.stream().filter(s -> s.getGpuUuid().equals(first)).toList();

    assertThat(samples.get(18).getEnergyMillijoulesTotal()).isGreaterThan(1_000_000L);
    assertThat(samples.get(19).getEnergyMillijoulesTotal()).isLessThan(1_000_000L);
    assertThat(samples.get(20).getEnergyMillijoulesTotal())
        .isGreaterThan(samples.get(19).getEnergyMillijoulesTotal());
  }

  private static double loadJoules(
      final List<GpuSample> samples, final List<String> gpus, final long from, final long to) {
    return samples.stream()
        .filter(s -> gpus.contains(s.getGpuUuid()) && sampleAt(s) >= from && sampleAt(s) < to)
        .mapToDouble(s -> s.getPowerWatts() - 126.0)
        .sum();
  }

  private static long at(final InferenceRequest r) {
    return r.getStartTime().toEpochMilli() - START;
  }

  private static long sampleAt(final GpuSample s) {
    return s.getTime().toEpochMilli() - START;
  }

  private static <T> long count(final List<T> items, final Predicate<T> which) {
    return items.stream().filter(which).count();
  }
}
