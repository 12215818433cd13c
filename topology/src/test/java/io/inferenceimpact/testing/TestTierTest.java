package io.inferenceimpact.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The unit tier starts no service: the guard refuses a broker here, and no test source starts a
 * service directly unless failsafe runs it (its name) or it asks the guard first.
 */
class TestTierTest {
  /** Calls that start a broker, a registry, a Streams application on a broker or a container. */
  private static final List<String> SERVICE_STARTS =
      List.of(
          "EmbeddedKafkaBroker.start(",
          "LocalSchemaRegistry.start(",
          "KafkaRaftServer",
          "new KafkaStreams(",
          "GenericContainer",
          "DockerClientFactory");

  @Test
  void shouldRefuseToStartTheSharedBrokerInTheUnitTier() {
    assertThat(System.getProperty(TestTier.PROPERTY))
        .as("surefire sets the tier (root pom)")
        .isEqualTo("unit");
    assertThatThrownBy(SharedInfrastructure::broker)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a Kafka broker")
        .hasMessageContaining("*IntegrationTest or *IT");
    assertThatThrownBy(SharedInfrastructure::registry)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a Schema Registry");
  }

  @Test
  void shouldStartServicesOnlyInIntegrationTestsOrBehindTheGuard() throws IOException {
    final Path sources = ExternalProcess.repoRoot().resolve("topology/src/test/java");
    final List<String> offenders;
    try (Stream<Path> files = Files.walk(sources)) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !runByFailsafe(f.getFileName().toString()))
              .filter(f -> !f.getFileName().toString().equals("TestTierTest.java"))
              .filter(TestTierTest::startsServiceUnguarded)
              .map(f -> sources.relativize(f).toString())
              .sorted()
              .toList();
    }
    assertThat(offenders)
        .as("test sources that start a service but run under surefire without the guard")
        .isEmpty();
  }

  private static boolean runByFailsafe(final String fileName) {
    return fileName.endsWith("IntegrationTest.java") || fileName.endsWith("IT.java");
  }

  private static boolean startsServiceUnguarded(final Path file) {
    final String text;
    try {
      text = Files.readString(file);
    } catch (final IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    return SERVICE_STARTS.stream().anyMatch(text::contains)
        && !text.contains("TestTier.requireIntegration(");
  }
}
