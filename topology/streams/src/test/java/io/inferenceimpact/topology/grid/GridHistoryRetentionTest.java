package io.inferenceimpact.topology.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How long past intensities are kept: derived from the graces unless configured. */
class GridHistoryRetentionTest {

  @Test
  void shouldCoverTheEnergyAndWindowGracesWithAnHourToSpareByDefault() {
    // Defaults: energy.grace 10m, windows.size 1m, windows.grace 1m.
    assertThat(GridStage.historyRetention(ConfigLoader.defaults()))
        .isEqualTo(Duration.ofMinutes(72));
  }

  @Test
  void shouldTakeTheConfiguredHistory() throws Exception {
    final Properties file = new Properties();
    file.setProperty("zones.intensityHistory", "6h");
    assertThat(GridStage.historyRetention(ConfigLoader.load(file, Map.of())))
        .isEqualTo(Duration.ofHours(6));
  }
}
