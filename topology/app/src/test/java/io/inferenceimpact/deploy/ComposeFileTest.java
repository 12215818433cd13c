package io.inferenceimpact.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml as Docker Compose itself reads it ({@code docker-compose config},
 * every profile on: anchors merged, paths made absolute): valid, and every file it mounts or builds
 * from is one of ours that exists. The service's configuration (file + environment) loads with the
 * application's config loader, Prometheus scrapes the service's metrics port and loads the mounted
 * rules, and Grafana gets our provisioning and dashboards where they point.
 */
class ComposeFileTest {
  private static final Path COMPOSE_CLI = Path.of("/usr/bin/docker-compose");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path ROOT = Manifests.repoRoot();
  private static final Path FILE = ROOT.resolve("deploy/compose/compose.yaml");
  private static JsonNode services;
  private static JsonNode resolved;

  @BeforeAll
  static void resolve() throws Exception {
    if (!Files.isExecutable(COMPOSE_CLI)) {
      throw new IllegalStateException(
          COMPOSE_CLI
              + " is missing: install the Debian package docker-compose (./run-tests does)");
    }
    final Path out = Files.createTempFile("compose-", ".yaml");
    final Path err = Files.createTempFile("compose-", ".err");
    final ProcessBuilder builder =
        new ProcessBuilder(
                COMPOSE_CLI.toString(),
                "-f",
                FILE.toString(),
                "--profile",
                "demo",
                "--profile",
                "grid",
                "--profile",
                "alerting",
                "config")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // Interpolation defaults of the file apply, not this machine's settings.
    builder.environment().keySet().removeIf(k -> k.startsWith("GRID_") || k.startsWith("COMPOSE"));
    final Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finishes").isTrue();
    assertThat(process.exitValue())
        .as("docker-compose config: %s", Files.readString(err, StandardCharsets.UTF_8))
        .isZero();
    resolved = YAML.readTree(out.toFile());
    services = resolved.path("services");
  }

  @Test
  void shouldDefineTheStackWithItsProfiles() {
    final Map<String, String> profiles = new TreeMap<>();
    services
        .fields()
        .forEachRemaining(
            s -> profiles.put(s.getKey(), s.getValue().path("profiles").path(0).asText("")));
    assertThat(profiles)
        .containsEntry("kafka", "")
        .containsEntry("schema-registry", "")
        .containsEntry("topics", "")
        .containsEntry("impact", "")
        .containsEntry("prometheus", "")
        .containsEntry("grafana", "")
        .containsEntry("simulator", "demo")
        .containsEntry("grid", "grid")
        .containsEntry("alertmanager", "alerting");
    assertThat(services.path("impact").path("build").path("context").asText())
        .isEqualTo(ROOT.toString());
    assertThat(ROOT.resolve(services.path("impact").path("build").path("dockerfile").asText()))
        .isRegularFile();
    final String image = services.path("impact").path("image").asText();
    for (final String name : List.of("topics", "simulator", "grid")) {
      assertThat(services.path(name).path("image").asText())
          .as("%s runs the image the impact service builds", name)
          .isEqualTo(image);
    }
    assertThat(services.path("topics").path("command").toString()).contains("\"topics\"");
    assertThat(services.path("simulator").path("command").toString()).contains("\"simulate\"");
    assertThat(services.path("grid").path("command").toString()).contains("\"grid\"");
  }

  @Test
  void shouldMountOnlyFilesOfOursThatExist() {
    final List<String> mounts = new ArrayList<>();
    services
        .fields()
        .forEachRemaining(
            service -> {
              for (final JsonNode volume : service.getValue().path("volumes")) {
                final Mount mount = Mount.of(volume);
                if (mount.bind()) {
                  mounts.add(service.getKey() + ": " + mount.source());
                  assertThat(Path.of(mount.source()))
                      .as("%s mounts %s", service.getKey(), mount.source())
                      .exists()
                      .satisfies(p -> assertThat(p.normalize()).startsWith(ROOT));
                } else {
                  assertThat(resolved.path("volumes").has(mount.source()))
                      .as("named volume %s of %s is declared", mount.source(), service.getKey())
                      .isTrue();
                }
              }
            });
    assertThat(mounts).as("bind mounts").hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void shouldGiveTheServiceAValidConfiguration() throws Exception {
    final JsonNode impact = services.path("impact");
    final Map<String, String> env = new TreeMap<>();
    impact
        .path("environment")
        .fields()
        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    final Path file = hostPathOf(impact, env.get("IMPACT_CONFIG"));
    final ImpactConfig config = ConfigLoader.load(file, env);
    assertThat(config.kafka().bootstrapServers()).startsWith("kafka:");
    assertThat(config.metrics().bindAddress()).isEqualTo("0.0.0.0");
    assertThat(impact.path("ports").toString()).contains(String.valueOf(config.metrics().port()));
    assertThat(hostPathOf(impact, config.kafka().properties().get("state.dir")))
        .as("state.dir is a named volume")
        .isNull();

    // Prometheus scrapes that port on the service, and loads the rules it mounts.
    final JsonNode prometheus = services.path("prometheus");
    final JsonNode scrape =
        YAML.readTree(hostPathOf(prometheus, "/etc/prometheus/prometheus.yml").toFile());
    final JsonNode job = scrape.path("scrape_configs").get(0);
    assertThat(job.path("job_name").asText())
        .as("the job the rules and dashboards select")
        .isEqualTo("inference-impact");
    assertThat(job.path("metrics_path").asText()).isEqualTo(config.metrics().path());
    assertThat(job.path("static_configs").get(0).path("targets").get(0).asText())
        .isEqualTo("impact:" + config.metrics().port());
    for (final JsonNode rules : scrape.path("rule_files")) {
      assertThat(hostPathOf(prometheus, rules.asText()))
          .as("rule file %s", rules.asText())
          .isEqualTo(ROOT.resolve("deploy/prometheus/impact-rules.yml"));
    }
  }

  @Test
  void shouldProvisionGrafanaWithOurDashboards() throws Exception {
    final JsonNode grafana = services.path("grafana");
    assertThat(hostPathOf(grafana, "/etc/grafana/provisioning/datasources"))
        .isEqualTo(ROOT.resolve("grafana/provisioning/datasources"));
    assertThat(grafana.path("environment").path("PROMETHEUS_URL").asText())
        .isEqualTo("http://prometheus:9090");
    final Path providers = hostPathOf(grafana, "/etc/grafana/provisioning/dashboards");
    assertThat(providers).isEqualTo(ROOT.resolve("grafana/provisioning/dashboards"));
    final String dashboardsPath =
        YAML.readTree(providers.resolve("inference-impact.yml").toFile())
            .path("providers")
            .get(0)
            .path("options")
            .path("path")
            .asText();
    assertThat(hostPathOf(grafana, dashboardsPath)).isEqualTo(ROOT.resolve("grafana/dashboards"));
  }

  /** The host file or folder bound at {@code containerPath} (or a folder above it), else null. */
  private static Path hostPathOf(final JsonNode service, final String containerPath) {
    for (final JsonNode volume : service.path("volumes")) {
      final Mount mount = Mount.of(volume);
      if (mount.bind() && containerPath.startsWith(mount.target())) {
        final String rest = containerPath.substring(mount.target().length());
        return Path.of(mount.source() + rest).normalize();
      }
    }
    return null;
  }

  /** One entry of a service's volumes, in the short ("src:dst:ro") or the long syntax. */
  private record Mount(String source, String target, boolean bind) {
    static Mount of(final JsonNode volume) {
      if (volume.isTextual()) {
        final String[] parts = volume.asText().split(":");
        return new Mount(parts[0], parts[1], parts[0].startsWith("/"));
      }
      return new Mount(
          volume.path("source").asText(),
          volume.path("target").asText(),
          "bind".equals(volume.path("type").asText()));
    }
  }
}
