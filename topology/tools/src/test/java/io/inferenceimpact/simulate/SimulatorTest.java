package io.inferenceimpact.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  @Test
  void shouldRunAsFastAsPossibleAndStopAfterTheDuration() throws Exception {
    final RecordingSink sink = new RecordingSink();
    try (Simulator sim =
        Simulator.start(
            RecordingSink.settings(20, Duration.ofSeconds(60), Scenario.normal(), 1), sink)) {
      assertThat(sim.awaitFinished(Duration.ofSeconds(30))).isTrue();
      assertThat(sim.failure()).isNull();
    }
    assertThat(sink.samples).hasSize(16 * 60);
  }

  @Test
  void shouldStopARealTimeRunWhenClosed() throws Exception {
    final RecordingSink sink = new RecordingSink();
    final SimulatorSettings settings =
        SimulatorSettings.of(20, 2, 2, Duration.ZERO, Scenario.normal(), 1, 1.0, Instant.now());
    final Simulator sim = Simulator.start(settings, sink);
    assertThat(sim.awaitFinished(Duration.ofMillis(1500))).as("runs on").isFalse();

    sim.close();

    assertThat(sim.awaitFinished(Duration.ofSeconds(5))).isTrue();
    assertThat(sink.samples).as("about one second per second").hasSizeBetween(4, 4 * 3);
  }

  @Test
  void shouldRequireADurationUnlessRealTimeAndEndBackfillsNow() {
    assertThatThrownBy(
            () ->
                SimulatorSettings.of(
                    20, 2, 2, Duration.ZERO, Scenario.normal(), 1, 0.0, Instant.now()))
        .hasMessageContaining("duration is required");
    final Instant now = Instant.parse("2025-01-01T12:00:00Z");
    assertThat(
            SimulatorSettings.of(20, 2, 2, Duration.ofHours(1), Scenario.normal(), 1, 0.0, now)
                .start())
        .isEqualTo(Instant.parse("2025-01-01T11:00:00Z"));
  }
}
