package io.inferenceimpact.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.AlertKind;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.testing.ExternalProcess;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The embedded default as a newcomer runs it: {@code impact demo --duration 90s} from the packaged
 * application ({@code topology/app/target/inference-impact.jar}, run after {@code package}) in its
 * own JVM. While it runs, per-model rates must reach {@code impact.model-rates.v1}, each window
 * consistent in itself (its rates are its totals divided as documented, its facility energy covers
 * its GPU, idle and server energy), {@code /metrics} must show a positive per-1k-token emissions
 * rate (of the model's open window) for a model that has windows, and at least one alert must fire
 * (a FIRING record with its firing time and an observation past its threshold); afterwards it must
 * exit 0 and leave no process or port behind. Its whole output (stdout and stderr, start to stop)
 * must hold its progress lines but no stack trace and no WARN or ERROR line of Kafka, and no {@code
 * impact_*} sample on {@code /metrics} may read NaN (the demo's grid values carry no forecast).
 */
class DemoProcessIT {
  private static final Duration DEMO = Duration.ofSeconds(90);

  @Test
  void shouldShowRatesMetricsAndAFiringAlertThenStopCleanly() throws Exception {
    final Path jar = Path.of(System.getProperty("impact.application.jar", "missing"));
    assertThat(jar).as("the packaged application (mvn package)").isRegularFile();
    final int kafkaPort = FreePort.find();
    final int registryPort = FreePort.find();
    final int metricsPort = FreePort.find();
    final Path dataDir = Files.createTempDirectory("demo-it-");
    final Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    final Process demo =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-D" + "impact.registry.jar=" + System.getProperty("impact.registry.jar"),
                "-jar",
                jar.toString(),
                "demo",
                "--duration",
                DEMO.toSeconds() + "s",
                "--kafka-port",
                String.valueOf(kafkaPort),
                "--registry-port",
                String.valueOf(registryPort),
                "--metrics-port",
                String.valueOf(metricsPort),
                "--data-dir",
                dataDir.toString())
            .directory(ExternalProcess.repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    final List<ProcessHandle> started = new ArrayList<>();
    try {
      final Observed seen =
          observe(kafkaPort, registryPort, metricsPort, demo, started, System.nanoTime());
      assertThat(seen.modelRates).as("model-rate windows; log:\n%s", read(log)).isNotEmpty();
      assertThat(seen.modelRates).allSatisfy(DemoProcessIT::assertConsistent);
      assertThat(seen.firing).as("FIRING alerts; log:\n%s", read(log)).isNotEmpty();
      assertThat(seen.firing)
          .allSatisfy(
              a -> {
                assertThat(a.getFiredAt()).as("fired_at of %s", a).isNotNull();
                assertThat(a.getResolvedAt()).as("resolved_at of %s", a).isNull();
                assertThat(a.getWindowEnd()).isAfterOrEqualTo(a.getWindowStart());
                if (a.getKind() == AlertKind.THRESHOLD || a.getKind() == AlertKind.DIRTY_GRID) {
                  assertThat(a.getObserved())
                      .as("observed of %s", a)
                      .isGreaterThan(a.getThreshold());
                }
              });
      assertThat(seen.metrics)
          .as("scraped /metrics")
          .contains("impact_model_emissions_grams_per_1k_output_tokens{")
          .contains("impact_requests_total{")
          .contains("impact_alerts_firing{");
      assertThat(positiveRateGaugeOfAWindowedModel(seen.metrics, seen.modelRates))
          .as(
              "a positive per-1k-token emissions gauge of a windowed model; metrics:\n%s",
              seen.metrics)
          .isTrue();
      assertThat(demo.waitFor(DEMO.toSeconds() + 60, TimeUnit.SECONDS))
          .as("demo stops by itself after its duration")
          .isTrue();
      assertThat(demo.exitValue()).as("exit code; log:\n%s", read(log)).isZero();
      final String output = read(log);
      assertThat(output).contains("stopped after 90s");
      assertThat(output.lines().filter(DemoProcessIT::isStackTraceLine))
          .as("stack trace lines in the demo's output:\n%s", output)
          .isEmpty();
      assertThat(output.lines().filter(DemoProcessIT::isKafkaWarning))
          .as("Kafka WARN or ERROR lines in the demo's output")
          .isEmpty();
      assertThat(output.lines().filter(l -> l.startsWith("impact demo:")))
          .as("the demo's own progress lines")
          .isNotEmpty();
      assertThat(seen.metrics).contains("impact_grid_intensity_grams_per_kwh{");
      assertThat(nanSamples(seen.metrics))
          .as("impact_* samples that read NaN on /metrics")
          .isEmpty();
      assertThat(started).as("processes the demo started").noneMatch(ProcessHandle::isAlive);
      assertThat(portIsFree(kafkaPort)).as("broker port released").isTrue();
      assertThat(portIsFree(registryPort)).as("registry port released").isTrue();
      assertThat(portIsFree(metricsPort)).as("metrics port released").isTrue();
    } finally {
      if (demo.isAlive()) {
        demo.descendants().forEach(ProcessHandle::destroyForcibly);
        demo.destroyForcibly();
      }
    }
  }

  /** A line of a printed stack trace (its frames, causes and elided frames). */
  private static boolean isStackTraceLine(final String line) {
    return line.startsWith("\tat ")
        || line.startsWith("Caused by: ")
        || line.matches("\\s+\\.\\.\\. \\d+ more")
        || line.matches("^[\\w.$]+(Exception|Error)(: .*)?$");
  }

  /**
   * A log line (logback.xml's pattern: time, level, thread, logger) at WARN or ERROR from a Kafka
   * client or Streams ({@code org.apache.kafka}, abbreviated to {@code o.a.k.} or {@code
   * o.apache.kafka.} when long) or the broker ({@code kafka.}).
   */
  private static boolean isKafkaWarning(final String line) {
    return line.matches(
        "^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR) +\\[[^]]*\\] (o(rg)?\\.a(pache)?\\.k(afka)?\\.|kafka\\.).*");
  }

  /**
   * The product's samples ({@code impact_*}) of a scraped page whose value is NaN. Kafka's client
   * metrics ({@code kafka_*}) are Kafka's own: a latency with no sample in its window reads NaN.
   */
  private static List<String> nanSamples(final String metrics) {
    return metrics.lines().filter(l -> l.startsWith("impact_") && l.endsWith(" NaN")).toList();
  }

  /** A window's rates are its totals divided as the schema documents, within 1e-9. */
  private static void assertConsistent(final ModelImpactWindow w) {
    assertThat(w.getWindowEnd()).as("window of %s", w).isAfter(w.getWindowStart());
    assertThat(w.getRequests()).as("requests of %s", w).isNotNegative();
    assertThat(w.getEstimatedRequests()).isBetween(0L, w.getRequests());
    assertThat(w.getFacilityEnergyJoules())
        .as("facility energy of %s", w)
        .isPositive()
        .isGreaterThanOrEqualTo(
            w.getGpuEnergyJoules() + w.getIdleEnergyJoules() + w.getServerEnergyJoules());
    final double grams = w.getOperationalEmissionsGrams() + w.getEmbodiedEmissionsGrams();
    assertThat(grams).as("emissions of %s", w).isPositive();
    if (w.getRequests() == 0) {
      // A window of idle energy only (model "unknown"): no per-request or per-token rate.
      assertThat(w.getEmissionsGramsPerRequest()).as("grams per request of %s", w).isNull();
    } else {
      assertThat(w.getEmissionsGramsPerRequest())
          .as("grams per request of %s", w)
          .isCloseTo(grams / w.getRequests(), within(1e-9 * grams / w.getRequests()));
    }
    if (w.getOutputTokens() > 0) {
      final double perK = grams / w.getOutputTokens() * 1000;
      assertThat(w.getEmissionsGramsPer1kOutputTokens())
          .as("grams per 1k output tokens of %s", w)
          .isCloseTo(perK, within(1e-9 * perK));
      final double whPerK = w.getFacilityEnergyJoules() / 3600 / w.getOutputTokens() * 1000;
      assertThat(w.getWhPer1kOutputTokens())
          .as("Wh per 1k output tokens of %s", w)
          .isCloseTo(whPerK, within(1e-9 * whPerK));
    } else {
      assertThat(w.getEmissionsGramsPer1kOutputTokens()).as("per 1k tokens of %s", w).isNull();
    }
  }

  /**
   * Whether some {@code impact_model_emissions_grams_per_1k_output_tokens} sample of the scraped
   * page (the rate of the model's newest, still open window) is positive and finite for a model
   * that has final windows.
   */
  private static boolean positiveRateGaugeOfAWindowedModel(
      final String metrics, final List<ModelImpactWindow> windows) {
    final Pattern sample =
        Pattern.compile(
            "^impact_model_emissions_grams_per_1k_output_tokens\\{([^}]*)\\} (\\S+)$",
            Pattern.MULTILINE);
    final Matcher m = sample.matcher(metrics);
    while (m.find()) {
      final double value = Double.parseDouble(m.group(2));
      final String labels = m.group(1);
      for (final ModelImpactWindow w : windows) {
        if (labels.contains("model=\"" + w.getModel() + "\"")
            && value > 0
            && Double.isFinite(value)) {
          return true;
        }
      }
    }
    return false;
  }

  private record Observed(
      List<ModelImpactWindow> modelRates, List<ImpactAlert> firing, String metrics) {}

  /** Reads both result topics and scrapes the metrics until all is seen or the demo ends. */
  private static Observed observe(
      final int kafkaPort,
      final int registryPort,
      final int metricsPort,
      final Process demo,
      final List<ProcessHandle> started,
      final long startNanos)
      throws Exception {
    final String registryUrl = "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
    final List<ModelImpactWindow> rates = new ArrayList<>();
    final List<ImpactAlert> firing = new ArrayList<>();
    String metrics = "";
    final long deadline = startNanos + DEMO.minusSeconds(5).toNanos();
    // The broker comes first; the consumer retries until it answers.
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafkaPort)) {
      consumer.subscribe(List.of("impact.model-rates.v1", "impact.alerts.v1"));
      TopologySerdes serdes = null;
      while (System.nanoTime() < deadline && demo.isAlive()) {
        demo.descendants().filter(p -> !started.contains(p)).forEach(started::add);
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          if (serdes == null) {
            final Map<String, String> registry = Map.of("schema.registry.url", registryUrl);
            serdes = new TopologySerdes(SchemaRegistryClient.create(registry), registry);
          }
          if (r.value() == null) {
            continue;
          }
          if (r.topic().equals("impact.model-rates.v1")) {
            rates.add(
                serdes
                    .avro(ModelImpactWindow.class)
                    .deserializer()
                    .deserialize(r.topic(), r.value()));
          } else {
            final ImpactAlert alert =
                serdes.avro(ImpactAlert.class).deserializer().deserialize(r.topic(), r.value());
            if (alert.getStatus() == AlertStatus.FIRING) {
              firing.add(alert);
            }
          }
        }
        if (!rates.isEmpty()) {
          metrics = scrape(metricsPort, metrics);
        }
        if (!rates.isEmpty()
            && !firing.isEmpty()
            && metrics.contains("impact_alerts_firing{")
            && positiveRateGaugeOfAWindowedModel(metrics, rates)) {
          break;
        }
      }
    }
    return new Observed(rates, firing, metrics);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(final int kafkaPort) {
    final Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-it");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The metrics page, or what was scraped before if the endpoint does not answer yet. */
  private static String scrape(final int metricsPort, final String before) {
    try {
      final HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : before;
    } catch (final IOException e) {
      return before;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return before;
    }
  }

  private static String read(final Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "<no log>";
  }

  private static boolean portIsFree(final int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (final IOException e) {
      return false;
    }
  }
}
