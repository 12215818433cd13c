package io.inferenceimpact.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetAndGridTest {

  @Test
  void shouldServeEveryModelInTwoZonesAndUseEveryGpuOnce() {
    final Fleet fleet = Fleet.build(4, 4, 9);

    assertThat(fleet.zones()).containsExactly("DE", "FR", "US-CAL-CISO", "IN-WE");
    assertThat(fleet.deploymentsByModel()).hasSize(3);
    fleet
        .deploymentsByModel()
        .forEach(
            (model, deployments) ->
                assertThat(deployments.stream().map(d -> d.node().zone()).distinct().count())
                    .as(model.name())
                    .isGreaterThanOrEqualTo(2));
    final List<String> used =
        fleet.deployments().stream().flatMap(d -> d.gpus().stream()).map(Fleet.Gpu::uuid).toList();
    assertThat(used).hasSize(16).doesNotHaveDuplicates();
    assertThat(Fleet.build(4, 4, 9)).isEqualTo(fleet);
    assertThat(Fleet.build(4, 4, 10).nodes().get(0).gpus())
        .isNotEqualTo(fleet.nodes().get(0).gpus());
  }

  @Test
  void shouldPackEightGpuNodesWithTheLargeModelFirst() {
    final Fleet fleet = Fleet.build(2, 8, 1);

    assertThat(fleet.deployments().stream().filter(d -> d.node().name().equals("node-00")))
        .extracting(d -> d.model().gpusPerReplica())
        .containsExactly(4, 2, 1, 1);
  }

  @Test
  void shouldReplayTheReal2023HourOfTheSameDate() {
    final HourlyGridSeries grid = HourlyGridSeries.bundled();

    // DE_2023_hourly.csv: 2023-01-01 00:00 LCA 199.59; FR 2023-01-01 01:00 LCA 58.17
    assertThat(grid.at("DE", Instant.parse("2026-01-01T00:59:59Z")).intensityGramsPerKwh())
        .isEqualTo(199.59);
    assertThat(grid.at("FR", Instant.parse("2024-01-01T01:00:00Z")).intensityGramsPerKwh())
        .isEqualTo(58.17);
    assertThat(grid.at("IN-WE", Instant.parse("2024-02-29T12:00:00Z")))
        .isEqualTo(grid.at("IN-WE", Instant.parse("2023-02-28T12:00:00Z")));
    assertThat(grid.at("IN-WE", Instant.parse("2025-05-01T12:00:00Z")).estimated()).isTrue();
  }

  @Test
  void shouldInterpolateEnergyPerTokenBetweenMeasuredBatches() {
    final ModelProfile m = ModelProfile.LLAMA_8B;

    assertThat(m.joulesPerToken(1)).isEqualTo(0.455);
    assertThat(m.joulesPerToken(64)).isCloseTo(0.119, within(1e-12));
    assertThat(m.joulesPerToken(2048)).isCloseTo(0.070, within(1e-12));
    assertThat(m.joulesPerToken(32)).isBetween(0.119, 0.455);
    assertThat(m.secondsPerToken(1000)).isEqualTo(m.secondsPerToken(256));
  }
}
