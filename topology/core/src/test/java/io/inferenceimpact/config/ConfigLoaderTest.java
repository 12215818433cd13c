package io.inferenceimpact.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void shouldLoadDefaultsWithoutFile() throws Exception {
    final ImpactConfig config = ConfigLoader.load((Path) null, Map.of());

    assertThat(config.kafka().properties())
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("application.id", "inference-impact");
    assertThat(config.schemaRegistry().url()).isEqualTo("http://127.0.0.1:8081");
    assertThat(config.topics().alerts()).isEqualTo("impact.alerts.v1");
    assertThat(config.energy().slotSize()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.energy().grace()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.energy().attribution()).isEqualTo(EnergySettings.Attribution.OVERLAP);
    assertThat(config.windows().size()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.metrics().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.fleet().node("unknown-node").pue()).isEqualTo(1.2);
  }

  @Test
  void shouldLoadTheShippedExampleFileToTheDefaults() throws Exception {
    final Path file = copyResource("/impact-default.yaml");

    assertThat(ConfigLoader.load(file, Map.of())).isEqualTo(ConfigLoader.defaults());
  }

  @Test
  void shouldLoadYamlFile() throws Exception {
    final Path file =
        write(
            "ok.yaml",
            """
            kafka:
              bootstrap.servers: broker-1:9092,broker-2:9092
              security:
                protocol: SASL_SSL
            topics:
              dlq: my.dlq
            fleet:
              defaults:
                pue: 1.3
              nodes:
                node-3:
                  zone: FR
                  gpuCount: 4
                gpu-7.dc2:
                  pue: 1.1
            models:
              entries:
                llama-3.1-70b:
                  activeParamsBillions: 70
                  aliases: [meta-llama/Llama-3.1-70B-Instruct]
            zones:
              fallbackGramsPerKwh:
                PL: 650.0
            energy:
              slotSize: PT10S
              attribution: tokens
            windows:
              size: 2m
            """);

    final ImpactConfig config = ConfigLoader.load(file, Map.of());

    assertThat(config.kafka().bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
    assertThat(config.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.topics().dlq()).isEqualTo("my.dlq");
    assertThat(config.fleet().node("node-3").zone()).isEqualTo("FR");
    assertThat(config.fleet().node("node-3").gpuCount()).isEqualTo(4);
    assertThat(config.fleet().node("node-3").pue()).as("from fleet.defaults").isEqualTo(1.3);
    assertThat(config.fleet().node("gpu-7.dc2").pue()).isEqualTo(1.1);
    assertThat(config.models().entries().get("llama-3.1-70b").totalParamsBillions())
        .isEqualTo(70.0);
    assertThat(config.models().entries().get("llama-3.1-70b").aliases())
        .containsExactly("meta-llama/Llama-3.1-70B-Instruct");
    assertThat(config.zones().fallbackFor("PL")).isEqualTo(650.0);
    assertThat(config.zones().fallbackFor("FR")).isEqualTo(44.18);
    assertThat(config.zones().fallbackFor("XX")).isEqualTo(473.01);
    assertThat(config.energy().slotSize()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.energy().attribution()).isEqualTo(EnergySettings.Attribution.TOKENS);
    assertThat(config.windows().size()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void shouldLetEnvironmentWinOverFile() throws Exception {
    final Path file =
        write(
            "env.yaml",
            """
            kafka:
              bootstrap.servers: from-file:9092
            windows:
              size: 2m
            """);
    final Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "from-env:9092",
            "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "SCHEMA_REGISTRY_URL", "https://registry.example:8081",
            "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "user:pw",
            "IMPACT_WINDOWS_SIZE", "5m",
            "IMPACT_ENERGY_MAX_SAMPLE_GAP", "20s",
            "IMPACT_FLEET_DEFAULTS_PUE", "1.4",
            "IMPACT_CONFIG", "ignored-here.yaml",
            "PATH", "/usr/bin");

    final ImpactConfig config = ConfigLoader.load(file, env);

    assertThat(config.kafka().bootstrapServers()).isEqualTo("from-env:9092");
    assertThat(config.kafka().properties())
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .doesNotContainKey("heap.opts");
    assertThat(config.schemaRegistry().url()).isEqualTo("https://registry.example:8081");
    assertThat(config.schemaRegistry().clientProperties())
        .containsEntry("basic.auth.user.info", "user:pw")
        .containsEntry("schema.registry.url", "https://registry.example:8081");
    assertThat(config.windows().size()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.energy().maxSampleGap()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.fleet().defaults().pue()).isEqualTo(1.4);
  }

  @Test
  void shouldBindTrainingAmortizationOffByDefaultAndRequireLifetimeTokens() throws Exception {
    assertThat(ConfigLoader.defaults().models().trainingAmortization().enabled()).isFalse();
    assertThat(
            ConfigLoader.load(
                    (Path) null, Map.of("IMPACT_MODELS_TRAINING_AMORTIZATION_ENABLED", "true"))
                .models()
                .trainingAmortization()
                .enabled())
        .isTrue();
    final Path good =
        write(
            "training.yaml",
            """
            models:
              trainingAmortization:
                enabled: true
                models:
                  llama3.1-8b:
                    lifetimeTokens: 1.0e12
                    emissionsKgCo2e: 420000
            """);
    final TrainingSettings training =
        ConfigLoader.load(good, Map.of()).models().trainingAmortization();
    assertThat(training.enabled()).isTrue();
    assertThat(training.models().get("llama3.1-8b").lifetimeTokens()).isEqualTo(1e12);
    assertThat(training.models().get("llama3.1-8b").emissionsKgCo2e()).isEqualTo(420_000.0);
    assertThat(training.models().get("llama3.1-8b").waterLitres()).isNaN();

    final Path bad =
        write(
            "training-bad.yaml",
            """
            models:
              trainingAmortization:
                models:
                  llama3.1-8b:
                    emissionsKgCo2e: 420000
            """);
    assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "models.trainingAmortization.models[llama3.1-8b].lifetimeTokens: is"
                            + " required (tokens the model is expected to serve, input + output)"));
  }

  @Test
  void shouldNameEveryBadKeyAndValue() throws Exception {
    final Path file =
        write(
            "bad.yaml",
            """
            windows:
              sise: 2m
            fleet:
              nodes:
                node-3:
                  pue: 0.8
                  server_overhead_watts: 100
            energy:
              slotSize: soon
            metrics:
              port: 70000
            kafka:
              processing.guarantee: exactly_once
            colour: blue
            """);

    assertThatThrownBy(
            () ->
                ConfigLoader.load(file, Map.of("IMPACT_WINDOWS_GRACE", "-1s", "IMPACT_NOPE", "x")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "windows.sise: unknown key (did you mean windows.size?)",
                        "fleet.nodes[node-3].pue: must be >= 1.0, was 0.8",
                        "fleet.nodes[node-3].server_overhead_watts: unknown key"
                            + " (did you mean fleet.nodes[node-3].serverOverheadWatts?)",
                        "energy.slotSize: must be a duration such as 5s, 10m, 1h or PT5S, was"
                            + " 'soon'",
                        "metrics.port: must be between 0 and 65535, was 70000",
                        "kafka.processing.guarantee: must be at_least_once or exactly_once_v2, was"
                            + " 'exactly_once'",
                        "colour: unknown key",
                        "windows.grace: must be a duration such as 5s, 10m, 1h or PT5S, was '-1s'"
                            + " (set by IMPACT_WINDOWS_GRACE)",
                        "IMPACT_NOPE: environment variable names no configuration key"));
  }

  @Test
  void shouldReportUnreadableFile() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("target/tmp/does-not-exist.yaml"), Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .contains("does-not-exist.yaml"));
  }

  @Test
  void shouldLoadPropertiesWithoutChangingTheCallersObjects() throws Exception {
    final Properties properties = new Properties();
    properties.setProperty("kafka.sasl.jaas.config", "org.example.Login required password=\"p\";");
    properties.setProperty("kafka.client.rack", "eu-1a");
    properties.setProperty("fleet.nodes[gpu-1.dc1].pue", "1.15");
    properties.setProperty("models.entries[m1].activeParamsBillions", "8");
    properties.setProperty("models.entries[m1].aliases", "a, b");
    final Properties before = (Properties) properties.clone();
    final Map<String, String> env = new HashMap<>(Map.of("KAFKA_ACKS", "all"));
    final Map<String, String> envBefore = Map.copyOf(env);

    final ImpactConfig config = ConfigLoader.load(properties, env);

    assertThat(config.kafka().properties())
        .containsEntry("client.rack", "eu-1a")
        .containsEntry("acks", "all")
        .containsEntry("sasl.jaas.config", "org.example.Login required password=\"p\";");
    assertThat(config.fleet().node("gpu-1.dc1").pue()).isEqualTo(1.15);
    assertThat(config.models().entries().get("m1").aliases()).containsExactly("a", "b");
    assertThat(properties).isEqualTo(before);
    assertThat(env).isEqualTo(envBefore);
  }

  @Test
  void shouldHandOutCopiesOfKafkaProperties() {
    final KafkaSettings kafka = ConfigLoader.defaults().kafka();
    final Properties copy = kafka.asProperties();
    copy.setProperty("bootstrap.servers", "changed:1");

    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThatThrownBy(() -> kafka.properties().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Path write(final String name, final String content) throws IOException {
    final Path dir = Files.createDirectories(Path.of("target", "tmp", "config-test"));
    return Files.writeString(dir.resolve(name), content);
  }

  private static Path copyResource(final String resource) throws IOException {
    try (InputStream in = ConfigLoaderTest.class.getResourceAsStream(resource)) {
      return Files.writeString(
          Files.createDirectories(Path.of("target", "tmp", "config-test")).resolve("example.yaml"),
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
