package io.inferenceimpact.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSourcesTest {
  private static final List<String> ZONES = List.of("DE");

  @Test
  void shouldTakeTheElectricityMapsTokenFromTheConfigurationBeforeTheEnvironment() {
    final GridConnector connector =
        GridSources.create(
            options("electricitymaps", "from-config", null, null), ZONES, Map.of(), clock());

    assertThat(connector).isInstanceOf(ElectricityMapsConnector.class);
  }

  @Test
  void shouldFallBackToTheSourcesOwnVariables() {
    assertThat(
            GridSources.create(
                options("electricitymaps", null, null, null),
                ZONES,
                Map.of("ELECTRICITYMAPS_TOKEN", "from-env"),
                clock()))
        .isInstanceOf(ElectricityMapsConnector.class);
    assertThatThrownBy(
            () ->
                GridSources.create(
                    options("electricitymaps", null, null, null), ZONES, Map.of(), clock()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ELECTRICITYMAPS_TOKEN is not set")
        .hasMessageContaining("grid section");
  }

  @Test
  void shouldNeedBothWattTimeCredentialsFromTheConfiguration() {
    assertThat(
            GridSources.create(
                options("watttime", null, "impact-bot", "s3cret"), ZONES, Map.of(), clock()))
        .isInstanceOf(WattTimeConnector.class);
    assertThatThrownBy(
            () ->
                GridSources.create(
                    options("watttime", null, "impact-bot", null), ZONES, Map.of(), clock()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grid.username and grid.password (IMPACT_GRID_PASSWORD)")
        .hasMessageNotContaining("impact-bot");
  }

  private static GridSources.Options options(
      final String source, final String token, final String username, final String password) {
    return new GridSources.Options(
        source, null, null, null, RetryPolicy.DEFAULT, token, username, password);
  }

  private static Clock clock() {
    return Clock.systemUTC();
  }
}
