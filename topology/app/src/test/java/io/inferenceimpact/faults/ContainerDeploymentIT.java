package io.inferenceimpact.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.HealthCheck;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * The service as users deploy it, on images built on this machine (deploy/images/build.sh; nothing
 * is pulled): Kafka from the image made of the broker jars Maven resolves, the topics made by
 * {@code impact topics create} in the service image, one service container, then a second one that
 * joins while input is produced, and Prometheus (Debian's package, in its image) scraping both with
 * the rules of deploy/prometheus loaded. All on the engine's host network, bound to 127.0.0.1 on
 * free ports; the Schema Registry is the local one on the host.
 *
 * <p>Checks: the image's HEALTHCHECK (/health) turns healthy and /ready answers; both containers
 * take input partitions; the output topics equal the fault-free baseline exactly (no loss, no
 * duplicate through the rebalance); Prometheus scrapes both instances, loaded our rules, and its
 * request count equals the scenario's.
 *
 * <p>Runs with {@code -Pcontainers} (./run-tests), which builds the images first.
 */
class ContainerDeploymentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String CONFIG_IN_CONTAINER = "/etc/inference-impact/impact.properties";
  private static final String JVM_FLAGS =
      "-XX:+UseContainerSupport -XX:+ExitOnOutOfMemoryError -Xmx320m -XX:+UseSerialGC"
          + " -XX:TieredStopAtLevel=1";

  @Test
  @Timeout(420)
  void shouldProcessExactlyOnceAcrossTwoContainersAndBeScrapedByPrometheus() throws Exception {
    LocalImages.require(List.of(LocalImages.SERVICE, LocalImages.KAFKA, LocalImages.PROMETHEUS));
    final FaultScenario scenario = new FaultScenario("containers", 0).allowStalls(20);
    final Path dir = Files.createDirectories(Path.of("target/tmp/containers", scenario.id));
    final String registry = SharedInfrastructure.registry().url();
    final int kafkaPort = FreePort.find();
    final String bootstrap = "127.0.0.1:" + kafkaPort;
    final int[] metricsPorts = {FreePort.find(), FreePort.find()};
    final int prometheusPort = FreePort.find();

    final Properties config = scenario.configProperties(bootstrap, registry, dir.resolve("s"), 1);
    config.setProperty("kafka.state.dir", "/var/lib/inference-impact/state");
    config.setProperty("metrics.enabled", "true");
    final Path configFile = scenario.writeConfig(config, dir.resolve("impact.properties"));
    final Results baseline = RunOutputs.replay(scenario, scenario.config(config), dir);
    final TopologySerdes serdes = Infrastructure.serdes(registry);

    final List<GenericContainer<?>> started = new ArrayList<>();
    try {
      started.add(kafka(kafkaPort));
      awaitBroker(bootstrap, started.get(0));
      createTopics(configFile, dir);

      final GenericContainer<?> one = service("instance-1", configFile, metricsPorts[0], true);
      started.add(one);
      assertReady(metricsPorts[0]);
      started.add(prometheus(dir, prometheusPort, metricsPorts));

      scenario.produce(bootstrap, serdes, t -> t < 6_000);
      ConsumedInputs.await(bootstrap, scenario.id, scenario.inputTopics(), Duration.ofSeconds(60));
      // The second container joins while the rest is produced: no pause between the phases
      // (a pause is a stall of the event horizon, see FaultScenario.allowStalls).
      final GenericContainer<?> two = service("instance-2", configFile, metricsPorts[1], false);
      started.add(two);
      scenario.produce(bootstrap, serdes, t -> t >= 6_000);
      awaitHealthy(two);
      assertReady(metricsPorts[1]);

      assertThat(inputPartitionsByMember(bootstrap, scenario))
          .as("input partitions of each member of group %s", scenario.id)
          .hasSize(2)
          .allSatisfy(partitions -> assertThat(partitions).isNotEmpty());
      assertThat(
              RunOutputs.differencesFrom(
                  baseline,
                  bootstrap,
                  scenario,
                  serdes,
                  Duration.ofSeconds(150),
                  // Both containers keep running for the checks below: the outputs are read to
                  // their end offsets once the baseline's count is visible.
                  () -> {}))
          .as("outputs of the two containers against the fault-free baseline")
          .isEmpty();
      assertThat(one.isRunning()).as("instance-1 still running").isTrue();
      assertThat(two.isRunning()).as("instance-2 still running").isTrue();

      final URI prometheus = URI.create("http://127.0.0.1:" + prometheusPort + "/");
      await("Prometheus scrapes both instances and counts every request")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                assertThat(query(prometheus, "sum(up{job=\"inference-impact\"})")).isEqualTo(2.0);
                assertThat(query(prometheus, "sum(impact_requests_total)"))
                    .isEqualTo(scenario.expectedRequests());
              });
      assertThat(loadedRuleGroups(prometheus))
          .as("rule groups of deploy/prometheus/impact-rules.yml")
          .isNotEmpty();
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        final GenericContainer<?> container = started.get(i);
        Files.writeString(
            dir.resolve(container.getDockerImageName().replaceAll("[/:]", "_") + "-" + i + ".log"),
            container.getLogs());
        container.stop();
      }
    }
  }

  private static GenericContainer<?> kafka(final int port) {
    final GenericContainer<?> kafka =
        new GenericContainer<>(LocalImages.KAFKA)
            .withImagePullPolicy(LocalImages.NEVER_PULL)
            .withNetworkMode("host")
            .withEnv("KAFKA_PORT", String.valueOf(port))
            .withEnv("KAFKA_CONTROLLER_PORT", String.valueOf(FreePort.find()))
            .withEnv("JDK_JAVA_OPTIONS", "-Xmx512m -XX:+UseSerialGC")
            .waitingFor(
                Wait.forLogMessage(".*Kafka Server started.*", 1)
                    .withStartupTimeout(Duration.ofSeconds(90)));
    kafka.start();
    return kafka;
  }

  private static void awaitBroker(final String bootstrap, final GenericContainer<?> kafka)
      throws Exception {
    try (Admin admin = admin(bootstrap)) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .as("broker nodes; log:\n%s", kafka.getLogs())
          .hasSize(1);
    }
  }

  /** {@code impact topics create} in the service image: it must exit 0 and create every topic. */
  private static void createTopics(final Path configFile, final Path dir) throws Exception {
    try (GenericContainer<?> topics =
        withConfig(new GenericContainer<>(LocalImages.SERVICE), configFile)
            .withCommand("topics", "create")
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(90)))) {
      topics.start();
      final String out = topics.getLogs();
      Files.writeString(dir.resolve("topics-create.log"), out);
      assertThat(out).as("impact topics create").contains("created   ").doesNotContain("differs");
    }
  }

  /**
   * Starts a service container whose health check (the image's command) runs every second; waits
   * until Docker reports it healthy when {@code awaitHealthy}, else returns once it runs.
   */
  private static GenericContainer<?> service(
      final String name, final Path configFile, final int metricsPort, final boolean awaitHealthy) {
    final GenericContainer<?> service =
        withConfig(new GenericContainer<>(LocalImages.SERVICE), configFile)
            .withEnv("IMPACT_METRICS_PORT", String.valueOf(metricsPort))
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.withName(name + "-" + metricsPort)
                        // The image's own check command, probed every second instead of 30 s.
                        .withHealthcheck(
                            new HealthCheck()
                                .withTest(
                                    List.of(
                                        "CMD", "/opt/inference-impact/bin/healthcheck", "/health"))
                                .withInterval(TimeUnit.SECONDS.toNanos(1))
                                .withTimeout(TimeUnit.SECONDS.toNanos(3))
                                .withRetries(120)))
            .waitingFor(
                awaitHealthy
                    ? Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(120))
                    : new AbstractWaitStrategy() {
                      @Override
                      protected void waitUntilReady() {}
                    });
    service.start();
    return service;
  }

  /** Waits until Docker reports the container's health check healthy. */
  private static void awaitHealthy(final GenericContainer<?> container) {
    await("health of " + container.getContainerName())
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              final var state = container.getCurrentContainerInfo().getState();
              if (!Boolean.TRUE.equals(state.getRunning())) {
                throw new AssertionError(
                    container.getContainerName() + " stopped; log:\n" + container.getLogs());
              }
              return state.getHealth() != null && "healthy".equals(state.getHealth().getStatus());
            });
  }

  /** Host network, loopback metrics, the configuration file, the JVM flags of the test. */
  private static GenericContainer<?> withConfig(
      final GenericContainer<?> container, final Path configFile) {
    return container
        .withImagePullPolicy(LocalImages.NEVER_PULL)
        .withNetworkMode("host")
        .withEnv("IMPACT_CONFIG", CONFIG_IN_CONTAINER)
        .withEnv("IMPACT_METRICS_BIND_ADDRESS", "127.0.0.1")
        .withEnv("JDK_JAVA_OPTIONS", JVM_FLAGS)
        .withCopyFileToContainer(MountableFile.forHostPath(configFile, 0644), CONFIG_IN_CONTAINER);
  }

  private static void assertReady(final int metricsPort) {
    await("/ready on port " + metricsPort)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> status(URI.create("http://127.0.0.1:" + metricsPort + "/ready")) == 200);
  }

  private static GenericContainer<?> prometheus(
      final Path dir, final int port, final int[] metricsPorts) throws Exception {
    final Path rules =
        Path.of(System.getProperty("impact.repo.root", "."), "deploy/prometheus/impact-rules.yml");
    final String config =
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 5s",
            "rule_files:",
            "  - /etc/prometheus/impact-rules.yml",
            "scrape_configs:",
            "  - job_name: inference-impact",
            "    metrics_path: /metrics",
            "    static_configs:",
            "      - targets: ['127.0.0.1:"
                + metricsPorts[0]
                + "', '127.0.0.1:"
                + metricsPorts[1]
                + "']",
            "");
    Files.writeString(dir.resolve("prometheus.yml"), config);
    final GenericContainer<?> prometheus =
        new GenericContainer<>(LocalImages.PROMETHEUS)
            .withImagePullPolicy(LocalImages.NEVER_PULL)
            .withNetworkMode("host")
            .withCopyToContainer(Transferable.of(config, 0644), "/etc/prometheus/prometheus.yml")
            .withCopyFileToContainer(
                MountableFile.forHostPath(rules, 0644), "/etc/prometheus/impact-rules.yml")
            .withCommand(
                "--config.file=/etc/prometheus/prometheus.yml",
                "--storage.tsdb.path=/prometheus",
                "--web.listen-address=127.0.0.1:" + port)
            .waitingFor(
                Wait.forLogMessage(".*Server is ready to receive web requests.*", 1)
                    .withStartupTimeout(Duration.ofSeconds(60)));
    prometheus.start();
    return prometheus;
  }

  /** The input partitions assigned to each member of the application's consumer group. */
  private static List<Set<TopicPartition>> inputPartitionsByMember(
      final String bootstrap, final FaultScenario scenario) throws Exception {
    final List<Set<TopicPartition>> byMember = new ArrayList<>();
    try (Admin admin = admin(bootstrap)) {
      await("two members in group " + scenario.id)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                final ConsumerGroupDescription group =
                    admin
                        .describeConsumerGroups(List.of(scenario.id))
                        .describedGroups()
                        .get(scenario.id)
                        .get(10, TimeUnit.SECONDS);
                byMember.clear();
                for (final MemberDescription member : group.members()) {
                  final Set<TopicPartition> inputs = new TreeSet<>(ContainerDeploymentIT::order);
                  member.assignment().topicPartitions().stream()
                      .filter(p -> scenario.inputTopics().contains(p.topic()))
                      .forEach(inputs::add);
                  byMember.add(inputs);
                }
                return byMember.size() == 2 && byMember.stream().noneMatch(Set::isEmpty);
              });
    }
    return byMember;
  }

  private static int order(final TopicPartition a, final TopicPartition b) {
    final int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }

  private static Admin admin(final String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static int status(final URI uri) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (final java.io.IOException e) {
      return -1;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The single value of an instant PromQL query; fails when there is none. */
  private static double query(final URI prometheus, final String promql) throws Exception {
    final JsonNode body =
        get(
            prometheus.resolve(
                "api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    final JsonNode result = body.path("data").path("result");
    assertThat(result).as("result of %s: %s", promql, body).hasSize(1);
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  private static List<String> loadedRuleGroups(final URI prometheus) throws Exception {
    final List<String> names = new ArrayList<>();
    get(prometheus.resolve("api/v1/rules"))
        .path("data")
        .path("groups")
        .forEach(group -> names.add(group.path("name").asText()));
    return names;
  }

  private static JsonNode get(final URI uri) throws Exception {
    final HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
