package io.inferenceimpact.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeSettingsTest {

  @Test
  void shouldScaleServerOverheadWithTheGpusOfAPlacedNode() {
    // Defaults: 1.2 kW for an 8-GPU server (EcoLogits); a 4-GPU server draws half of it.
    final NodeSettings placed = NodeSettings.DEFAULTS.withPlacement("FR", 4, "NVIDIA H200");

    assertThat(placed.serverOverheadWatts()).isEqualTo(600.0);
    assertThat(placed.zone()).isEqualTo("FR");
    assertThat(placed.gpuCount()).isEqualTo(4);
    assertThat(placed.gpuType()).isEqualTo("NVIDIA H200");
    assertThat(placed.pue()).isEqualTo(NodeSettings.DEFAULTS.pue());
  }
}
