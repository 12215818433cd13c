package io.inferenceimpact.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridSettingsTest {
  @TempDir Path dir;

  @Test
  void shouldDefaultToElectricityMapsEveryFiveMinutesWithoutZones() {
    final GridSettings grid = ConfigLoader.defaults().grid();

    assertThat(grid.source()).isEqualTo("electricitymaps");
    assertThat(grid.zones()).isEmpty();
    assertThat(grid.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(grid.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(grid.token()).isNull();
  }

  @Test
  void shouldReadTheSectionAndTheCredentialsFromTheEnvironment() throws Exception {
    final Path file =
        write(
            """
            grid:
              source: watttime
              zones: [CAISO_NORTH, PJM_DC]
              interval: 15m
              username: impact-bot
            """);

    final ImpactConfig config =
        ConfigLoader.load(
            file, Map.of("IMPACT_GRID_PASSWORD", "s3cret", "IMPACT_GRID_TOKEN", "em-token"));

    assertThat(config.grid().zones()).containsExactly("CAISO_NORTH", "PJM_DC");
    assertThat(config.grid().interval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.grid().username()).isEqualTo("impact-bot");
    assertThat(config.grid().password()).isEqualTo("s3cret");
    assertThat(config.grid().token()).isEqualTo("em-token");
    assertThat(config.grid().toString()).doesNotContain("s3cret").doesNotContain("em-token");
    assertThat(ConfigPrinter.toYaml(config)).doesNotContain("s3cret").doesNotContain("em-token");
  }

  @Test
  void shouldRefuseSecretsInAFileAndNameEveryBadKey() throws Exception {
    final Path file =
        write(
            """
            grid:
              source: carbon-oracle
              token: in-the-file
              password: also-in-the-file
              baseUrl: ftp://proxy
            """);

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(
            e -> {
              final List<String> problems = ((InvalidConfigException) e).problems();
              assertThat(problems)
                  .anyMatch(p -> p.startsWith("grid.source: must be one of"))
                  .anyMatch(
                      p ->
                          p.startsWith("grid.token: is a secret")
                              && p.contains("IMPACT_GRID_TOKEN"))
                  .anyMatch(
                      p ->
                          p.startsWith("grid.password: is a secret")
                              && p.contains("IMPACT_GRID_PASSWORD"))
                  .anyMatch(p -> p.startsWith("grid.baseUrl: must be an http or https URL"))
                  .noneMatch(p -> p.contains("in-the-file"));
            });
  }

  private Path write(final String yaml) throws Exception {
    return Files.writeString(dir.resolve("impact.yaml"), yaml);
  }
}
