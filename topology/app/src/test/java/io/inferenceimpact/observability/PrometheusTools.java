package io.inferenceimpact.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Prometheus binaries of the Debian package {@code prometheus} are. A test that needs
 * them fails (never skips) when they are missing: ./run-tests installs the package.
 */
final class PrometheusTools {
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private PrometheusTools() {}

  static String require(final Path binary) {
    assertThat(Files.isExecutable(binary))
        .as(
            "%s is missing: install the Debian package 'prometheus' (./run-tests does it:"
                + " apt-get install prometheus)",
            binary)
        .isTrue();
    return binary.toString();
  }
}
