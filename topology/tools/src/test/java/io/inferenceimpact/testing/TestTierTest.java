package io.inferenceimpact.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

  /** The guard's own files, which name the calls they look for. */
  private static final Set<String> GUARD_FILES = Set.of("TestTierTest.java", "UnitTierGuard.java");

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
  void shouldNoticeABrokerThatRanByAnyPath() {
    UnitTierGuard.install();
    UnitTierGuard.check("before");
    // What a starting broker does first, whatever the configured level.
    LoggerFactory.getLogger("kafka.server.BrokerServer").isInfoEnabled();
    assertThatThrownBy(() -> UnitTierGuard.check("a test"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a test ran an in-process Kafka broker (kafka.server.BrokerServer)");
    UnitTierGuard.check("after: reported once");
  }

  @Test
  void shouldStartServicesOnlyInIntegrationTestsOrBehindTheGuard() throws IOException {
    final Path root = ExternalProcess.repoRoot();
    final List<Path> sources;
    try (Stream<Path> modules =
        Stream.concat(Stream.of(root.resolve("schemas")), Files.list(root.resolve("topology")))) {
      sources =
          modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).sorted().toList();
    }
    assertThat(sources).as("the modules' test sources").hasSizeGreaterThanOrEqualTo(6);
    final List<String> offenders = new ArrayList<>();
    for (final Path tests : sources) {
      try (Stream<Path> files = Files.walk(tests)) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .filter(f -> !runByFailsafe(f.getFileName().toString()))
            .filter(f -> !GUARD_FILES.contains(f.getFileName().toString()))
            .filter(TestTierTest::startsServiceUnguarded)
            .map(f -> root.relativize(f).toString())
            .forEach(offenders::add);
      }
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
