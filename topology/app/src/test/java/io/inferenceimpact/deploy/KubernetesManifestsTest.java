package io.inferenceimpact.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.MetricsSettings;
import io.inferenceimpact.metrics.MetricsServer;
import io.inferenceimpact.topology.support.Topic;
import io.inferenceimpact.topology.support.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests as {@code kubectl kustomize} renders them (the base and the demo
 * overlay), checked against the application itself: the ConfigMap's configuration file with the
 * container's environment loads with the application's config loader (unknown keys are errors);
 * ports, probes and the ServiceMonitor use the endpoints a real {@link MetricsServer} with that
 * configuration serves; the KafkaTopic objects are the topics {@code impact topics create} makes
 * from it (names, partitions, cleanup policies); the state volume is Kafka Streams' state.dir;
 * standby replicas have a pod to live on; the pods run as the image's user.
 */
class KubernetesManifestsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @ParameterizedTest
  @ValueSource(strings = {"deploy/k8s", "deploy/k8s/overlays/demo"})
  void shouldRenderAServiceThatMatchesTheApplication(final String dir) throws Exception {
    final Manifests rendered = Manifests.render(dir);
    final JsonNode statefulSet = rendered.single("StatefulSet");
    final JsonNode pod = statefulSet.path("spec").path("template").path("spec");
    final JsonNode container = container(pod, "inference-impact");
    final ImpactConfig config = loadConfig(rendered, pod, container);

    // Ports and probes: the metrics port of the configuration, the application's paths.
    final MetricsSettings metrics = config.metrics();
    assertThat(metrics.enabled()).isTrue();
    assertThat(metrics.bindAddress()).as("scraped from other pods").isEqualTo("0.0.0.0");
    assertThat(namedPort(container, "metrics")).isEqualTo(metrics.port());
    assertThat(probe(container, "livenessProbe")).isEqualTo("/health");
    assertThat(probe(container, "startupProbe")).isEqualTo("/health");
    assertThat(probe(container, "readinessProbe")).isEqualTo("/ready");
    final JsonNode service = rendered.named("Service", "inference-impact");
    final JsonNode servicePort = service.path("spec").path("ports").get(0);
    assertThat(servicePort.path("targetPort").asText()).isEqualTo("metrics");
    assertThat(servicePort.path("port").asInt()).isEqualTo(metrics.port());
    assertSelects(service.path("spec").path("selector"), statefulSet);
    final JsonNode endpoint =
        rendered.single("ServiceMonitor").path("spec").path("endpoints").get(0);
    assertThat(endpoint.path("port").asText()).isEqualTo(servicePort.path("name").asText());
    assertThat(endpoint.path("path").asText()).isEqualTo(metrics.path());
    assertSelects(
        rendered.single("ServiceMonitor").path("spec").path("selector").path("matchLabels"),
        service);
    assertServedByTheApplication(
        metrics, List.of(probe(container, "livenessProbe"), endpoint.path("path").asText()));

    // Persistent state: the claim template is mounted where Kafka Streams keeps its state.
    final String stateDir = config.kafka().properties().get("state.dir");
    final JsonNode claim = statefulSet.path("spec").path("volumeClaimTemplates").get(0);
    assertThat(mountPath(container, claim.path("metadata").path("name").asText()))
        .isEqualTo(stateDir);

    // Standby replicas need a second pod; a drain takes one pod at a time.
    assertThat(Integer.parseInt(config.kafka().properties().get("num.standby.replicas")))
        .isPositive();
    assertThat(statefulSet.path("spec").path("replicas").asInt())
        .isGreaterThan(Integer.parseInt(config.kafka().properties().get("num.standby.replicas")));
    final JsonNode budget = rendered.single("PodDisruptionBudget");
    assertThat(budget.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
    assertSelects(budget.path("spec").path("selector").path("matchLabels"), statefulSet);

    // Resources and the image's unprivileged user.
    assertThat(container.path("resources").path("requests").path("cpu").asText()).isNotEmpty();
    assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
    assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(imageUser());
    assertThat(pod.path("enableServiceLinks").asBoolean(true))
        .as("service links would add KAFKA_* variables to the Kafka configuration")
        .isFalse();

    // Topics: what `impact topics create` makes from this configuration.
    assertThat(kafkaTopics(rendered)).isEqualTo(expectedTopics(config));
  }

  /** Loads the ConfigMap's file as IMPACT_CONFIG names it, with the container's literal env. */
  private static ImpactConfig loadConfig(
      final Manifests rendered, final JsonNode pod, final JsonNode container) throws Exception {
    final Map<String, String> env = new TreeMap<>();
    container
        .path("env")
        .forEach(
            variable -> {
              if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
              }
            });
    final Path configPath = Path.of(env.get("IMPACT_CONFIG"));
    final String volume = volumeMountedAt(container, configPath.getParent().toString());
    String configMapName = null;
    for (final JsonNode v : pod.path("volumes")) {
      if (volume.equals(v.path("name").asText())) {
        configMapName = v.path("configMap").path("name").asText();
      }
    }
    assertThat(configMapName).as("ConfigMap of volume %s", volume).isNotBlank();
    final JsonNode data = rendered.named("ConfigMap", configMapName).path("data");
    final String key = configPath.getFileName().toString();
    assertThat(data.has(key)).as("ConfigMap %s has %s", configMapName, key).isTrue();
    final Path file = Files.createTempFile("k8s-config-", "-" + key);
    Files.writeString(file, data.path(key).asText());
    // The Secret is generated from secret.env: its variables (none in the repository) join env.
    rendered
        .ofKind("Secret")
        .forEach(secret -> secret.path("data").fieldNames().forEachRemaining(n -> env.put(n, "x")));
    return ConfigLoader.load(file, env);
  }

  /** Starts the application's metrics server with {@code settings} on a free loopback port. */
  private static void assertServedByTheApplication(
      final MetricsSettings settings, final List<String> paths) throws Exception {
    final MetricsSettings local =
        new MetricsSettings(
            true,
            "127.0.0.1",
            0,
            settings.path(),
            settings.maxModels(),
            settings.maxZones(),
            settings.tenantLabels(),
            settings.maxTenants(),
            null);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("impact_manifest_check").increment();
    final AtomicReference<KafkaStreams.State> state =
        new AtomicReference<>(KafkaStreams.State.REBALANCING);
    try (MetricsServer server = MetricsServer.start(local, registry, state::get)) {
      final URI base = server.baseUrl();
      assertThat(get(base.resolve("/ready"))).as("/ready while rebalancing").isEqualTo(503);
      state.set(KafkaStreams.State.RUNNING);
      assertThat(get(base.resolve("/ready"))).as("/ready while running").isEqualTo(200);
      for (final String path : paths) {
        assertThat(get(base.resolve(path))).as("GET %s", path).isEqualTo(200);
      }
    }
  }

  private static int get(final URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static Map<String, String> kafkaTopics(final Manifests rendered) {
    final Map<String, String> topics = new LinkedHashMap<>();
    for (final JsonNode topic : rendered.ofKind("KafkaTopic")) {
      final JsonNode spec = topic.path("spec");
      topics.put(
          spec.path("topicName").asText(),
          "partitions="
              + spec.path("partitions").asInt()
              + " replicas="
              + spec.path("replicas").asInt(-1)
              + " cleanup.policy="
              + spec.path("config").path("cleanup.policy").asText());
      assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
          .as("Strimzi cluster of %s", spec.path("topicName").asText())
          .isNotBlank();
    }
    return topics;
  }

  private static Map<String, String> expectedTopics(final ImpactConfig config) {
    final Map<String, String> topics = new LinkedHashMap<>();
    for (final Topic<?, ?> topic : Topics.from(config.topics()).all()) {
      topics.put(
          topic.name(),
          "partitions="
              + topic.partitions()
              + " replicas="
              + topic.replicationFactor()
              + " cleanup.policy="
              + topic.configs().get("cleanup.policy"));
    }
    return topics;
  }

  /** The uid the image runs as (deploy/Dockerfile, ARG IMPACT_UID). */
  private static int imageUser() throws Exception {
    final String dockerfile = Files.readString(Manifests.repoRoot().resolve("deploy/Dockerfile"));
    final Matcher uid = Pattern.compile("(?m)^ARG IMPACT_UID=(\\d+)$").matcher(dockerfile);
    assertThat(uid.find()).as("ARG IMPACT_UID in deploy/Dockerfile").isTrue();
    return Integer.parseInt(uid.group(1));
  }

  private static void assertSelects(final JsonNode selector, final JsonNode workload) {
    final JsonNode labels =
        workload.path("spec").path("template").path("metadata").has("labels")
            ? workload.path("spec").path("template").path("metadata").path("labels")
            : workload.path("metadata").path("labels");
    assertThat(selector.isEmpty()).as("empty selector").isFalse();
    selector
        .fields()
        .forEachRemaining(
            label ->
                assertThat(labels.path(label.getKey()).asText())
                    .as("label %s", label.getKey())
                    .isEqualTo(label.getValue().asText()));
  }

  private static JsonNode container(final JsonNode pod, final String name) {
    for (final JsonNode c : pod.path("containers")) {
      if (name.equals(c.path("name").asText())) {
        return c;
      }
    }
    throw new AssertionError("no container " + name);
  }

  private static int namedPort(final JsonNode container, final String name) {
    for (final JsonNode port : container.path("ports")) {
      if (name.equals(port.path("name").asText())) {
        return port.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no port " + name);
  }

  private static String probe(final JsonNode container, final String kind) {
    final JsonNode get = container.path(kind).path("httpGet");
    assertThat(get.path("port").asText()).as("%s port", kind).isEqualTo("metrics");
    return get.path("path").asText();
  }

  private static String mountPath(final JsonNode container, final String volume) {
    for (final JsonNode mount : container.path("volumeMounts")) {
      if (volume.equals(mount.path("name").asText())) {
        return mount.path("mountPath").asText();
      }
    }
    throw new AssertionError("volume " + volume + " is not mounted");
  }

  private static String volumeMountedAt(final JsonNode container, final String path) {
    for (final JsonNode mount : container.path("volumeMounts")) {
      if (path.equals(mount.path("mountPath").asText())) {
        return mount.path("name").asText();
      }
    }
    throw new AssertionError("nothing is mounted at " + path);
  }
}
