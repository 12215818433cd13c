package io.inferenceimpact.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ZonesTest {

  private static ImpactConfig config(final Map<String, String> settings)
      throws InvalidConfigException {
    final Properties p = new Properties();
    p.putAll(settings);
    return ConfigLoader.load(p, Map.of());
  }

  @Test
  void shouldPreferTheListedNodesZoneThenTheRequestsThenTheDefault() throws InvalidConfigException {
    final ImpactConfig config =
        config(
            Map.of(
                "zones.defaultZone", "SE",
                "fleet.nodes.gpu-fr.zone", "FR",
                "fleet.nodes.gpu-any.pue", "1.1"));

    assertThat(Zones.zoneOf(config, "gpu-fr", "DE")).isEqualTo("FR");
    assertThat(Zones.zoneOf(config, "gpu-any", "DE")).isEqualTo("DE");
    assertThat(Zones.zoneOf(config, "unlisted", "DE")).isEqualTo("DE");
    assertThat(Zones.zoneOf(config, null, "DE")).isEqualTo("DE");
    assertThat(Zones.zoneOf(config, "gpu-any", null)).isEqualTo("SE");
    assertThat(Zones.zoneOf(config, "unlisted", " ")).isEqualTo("SE");
  }

  @Test
  void shouldGiveAnUnlistedOrMissingNodeTheFleetDefaultsZone() throws InvalidConfigException {
    final ImpactConfig config =
        config(Map.of("fleet.defaults.zone", "GB", "fleet.nodes.gpu-fr.zone", "FR"));

    assertThat(Zones.zoneOf(config, "gpu-fr", "DE")).isEqualTo("FR");
    assertThat(Zones.zoneOf(config, "unlisted", "DE")).isEqualTo("GB");
    assertThat(Zones.zoneOf(config, null, "DE")).isEqualTo("GB");
    assertThat(Zones.zoneOf(config, null, null)).isEqualTo("GB");
  }
}
