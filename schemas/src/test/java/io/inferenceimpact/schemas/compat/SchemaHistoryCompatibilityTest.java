package io.inferenceimpact.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build gate: the real schemas must be allowed evolutions of every released version kept under
 * src/main/avro-history. A failing assertion lists every problem and fails the build.
 */
class SchemaHistoryCompatibilityTest {

  private static final Path CURRENT = Path.of("src/main/avro");
  private static final Path HISTORY = Path.of("src/main/avro-history");

  @Test
  void shouldKeepEveryCurrentSchemaCompatibleWithItsReleasedVersions() throws IOException {
    assertThat(SchemaHistory.check(CURRENT, HISTORY)).isEmpty();
  }

  @Test
  void shouldHaveAReleasedVersionOfEveryCurrentSchema() throws IOException {
    try (Stream<Path> files = Files.list(CURRENT)) {
      assertThat(files.filter(f -> f.toString().endsWith(".avsc")))
          .isNotEmpty()
          .allSatisfy(
              f ->
                  assertThat(
                          HISTORY
                              .resolve(f.getFileName().toString().replace(".avsc", ""))
                              .resolve("v1.avsc"))
                      .isRegularFile());
    }
  }
}
