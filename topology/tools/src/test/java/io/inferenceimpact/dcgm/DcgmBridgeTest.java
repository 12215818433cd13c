package io.inferenceimpact.dcgm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.dcgm.DcgmBridgeMeters.Failure;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.testing.LogCapture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DcgmBridge} against a local HTTP server serving real recorded dcgm-exporter answers (test
 * resources dcgm/, sources in dcgm/SOURCES.md), and against the ways an exporter fails.
 */
class DcgmBridgeTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final String L4 = "dcgm_L4_idle_kops.prom";
  private static final String L40S = "dcgm_L40S_idle_upcloud.prom";
  private static final String T4 = "dcgm_T4_loaded_ericsson.prom";
  private static final long MIB = 1_048_576L;

  private final ExporterStub exporter = new ExporterStub();
  private final List<GpuSample> sent = new CopyOnWriteArrayList<>();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final DcgmBridgeMeters meters = new DcgmBridgeMeters(registry);

  @AfterEach
  void stop() {
    exporter.close();
    registry.close();
  }

  private DcgmBridge bridge(final URI url, final String node) {
    return new DcgmBridge(
        url, node, Duration.ofSeconds(2), sent::add, meters, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void shouldTurnARecordedL4AnswerIntoOneSampleWithItsLabelsAndMillijoules() {
    exporter.serve(ExporterStub.recorded(L4));

    assertThat(bridge(exporter.url(), null).scrapeOnce()).isEqualTo(1);

    // Values of the recorded answer: DCGM_FI_DEV_POWER_USAGE 16.365000, TOTAL_ENERGY 4742776 (mJ).
    final GpuSample sample = sent.get(0);
    assertThat(sample.getGpuUuid()).isEqualTo("GPU-c2f76b33-7953-256e-8f33-1343419b1a1c");
    assertThat(sample.getNode()).isEqualTo("i-030791dc5a37cd257");
    assertThat(sample.getGpuModel()).isEqualTo("NVIDIA L4");
    assertThat(sample.getPowerWatts()).isEqualTo(16.365);
    assertThat(sample.getEnergyMillijoulesTotal()).isEqualTo(4_742_776L);
    assertThat(sample.getUtilizationPercent()).isEqualTo(0.0);
    assertThat(sample.getMemoryUsedBytes()).isEqualTo(0L);
    assertThat(sample.getMigInstanceId()).isNull();
    assertThat(sample.getTime()).isEqualTo(NOW);
    assertThat(meters.samples()).isEqualTo(1.0);
    assertThat(meters.failures()).isZero();
  }

  @Test
  void shouldReadAnswersWithoutHelpLinesAndConvertMebibytesToBytes() {
    exporter.serve(ExporterStub.recorded(T4));

    bridge(exporter.url(), "node-7").scrapeOnce();

    // T4 answer: 68.244 W, 15152422938 mJ, GPU_UTIL 91, FB_USED 5120 MiB; no HELP/TYPE lines.
    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getNode()).as("--node wins over Hostname").isEqualTo("node-7");
              assertThat(s.getGpuModel()).isEqualTo("Tesla T4");
              assertThat(s.getPowerWatts()).isEqualTo(68.244);
              assertThat(s.getEnergyMillijoulesTotal()).isEqualTo(15_152_422_938L);
              assertThat(s.getUtilizationPercent()).isEqualTo(91.0);
              assertThat(s.getMemoryUsedBytes()).isEqualTo(5120 * MIB);
            });
  }

  @Test
  void shouldSendOneSamplePerGpuOfAFleetAnswer() {
    exporter.serve(
        ExporterStub.recorded(L4) + ExporterStub.recorded(L40S) + ExporterStub.recorded(T4));

    assertThat(bridge(exporter.url(), null).scrapeOnce()).isEqualTo(3);

    assertThat(sent)
        .extracting(GpuSample::getGpuModel, GpuSample::getEnergyMillijoulesTotal)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("NVIDIA L4", 4_742_776L),
            org.assertj.core.groups.Tuple.tuple("NVIDIA L40S", 5_551_899_580L),
            org.assertj.core.groups.Tuple.tuple("Tesla T4", 15_152_422_938L));
  }

  @Test
  void shouldSendTheBoardOnceWhenMigInstancesRepeatItsPower() {
    exporter.serve(asMigInstances(ExporterStub.recorded(T4), 3));

    assertThat(bridge(exporter.url(), null).scrapeOnce()).isEqualTo(1);

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getPowerWatts()).as("the board's power, not 3 x").isEqualTo(68.244);
              assertThat(s.getEnergyMillijoulesTotal()).isEqualTo(15_152_422_938L);
              assertThat(s.getMigInstanceId()).isNull();
            });
  }

  @Test
  void shouldPassACounterResetOnAndCountIt() {
    final String before = ExporterStub.recorded(L4);
    final DcgmBridge bridge = bridge(exporter.url(), null);
    exporter.serve(before);
    bridge.scrapeOnce();
    exporter.serve(before.replace("} 4742776", "} 1200"));

    try (LogCapture log = LogCapture.start(Level.INFO, DcgmBridge.class.getName())) {
      assertThat(bridge.scrapeOnce()).isEqualTo(1);
      assertThat(log.text()).contains("went back from 4742776 mJ to 1200 mJ");
    }
    assertThat(sent)
        .extracting(GpuSample::getEnergyMillijoulesTotal)
        .containsExactly(4_742_776L, 1_200L);
    assertThat(meters.resets()).isEqualTo(1.0);
  }

  @Test
  void shouldSendASampleWithoutEnergyWhenTheCounterIsMissing() {
    exporter.serve(withoutLinesOf(ExporterStub.recorded(L40S), DcgmSamples.ENERGY));

    bridge(exporter.url(), null).scrapeOnce();

    assertThat(sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getPowerWatts()).isEqualTo(35.686);
              assertThat(s.getEnergyMillijoulesTotal()).isNull();
            });
  }

  @Test
  void shouldCountAnAnswerWithoutPowerAndSayWhichGpu() {
    exporter.serve(withoutLinesOf(ExporterStub.recorded(L4), DcgmSamples.POWER));

    try (LogCapture log = LogCapture.start(Level.INFO, DcgmBridge.class.getName())) {
      assertThat(bridge(exporter.url(), null).scrapeOnce()).isZero();
      assertThat(log.text())
          .contains(
              "no sample for GPU-c2f76b33-7953-256e-8f33-1343419b1a1c: no DCGM_FI_DEV_POWER_USAGE")
          .contains("scrape failed (no-gpus)");
    }
    assertThat(meters.failures(Failure.NO_GPUS)).isEqualTo(1.0);
    assertThat(meters.skipped()).isEqualTo(1.0);
  }

  @Test
  void shouldRejectMalformedTextWithItsLineAndRecoverAtTheNextScrape() {
    final String real = ExporterStub.recorded(L4);
    // Cut in the middle of a label value, as a connection dropped mid-answer leaves it.
    final String truncated = real.substring(0, real.indexOf("DCGM_FI_DEV_POWER_USAGE{") + 60);
    final DcgmBridge bridge = bridge(exporter.url(), null);

    try (LogCapture log = LogCapture.start(Level.INFO, DcgmBridge.class.getName())) {
      exporter.serve(truncated);
      assertThat(bridge.scrapeOnce()).isZero();
      exporter.serve("<html>502 Bad Gateway</html>\n");
      assertThat(bridge.scrapeOnce()).isZero();
      exporter.serve(real);
      assertThat(bridge.scrapeOnce()).isEqualTo(1);

      assertThat(log.lines())
          .filteredOn(l -> l.startsWith("WARN"))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("served text that is not Prometheus exposition format")
          .contains("has no closing quote")
          .contains("(malformed)");
      assertThat(log.text()).contains("answers again after 2 failed scrapes");
    }
    assertThat(meters.failures(Failure.MALFORMED)).isEqualTo(2.0);
    assertThat(sent).hasSize(1);
  }

  @Test
  void shouldCountAnExporterThatIsDownOrAnswersAnError() {
    final DcgmBridge down =
        bridge(URI.create("http://127.0.0.1:" + FreePort.find() + "/metrics"), null);
    try (LogCapture log = LogCapture.start(Level.INFO, DcgmBridge.class.getName())) {
      assertThat(down.scrapeOnce()).isZero();
      assertThat(log.text()).contains("cannot be reached").contains("(unreachable)");
    }
    exporter.answer(503, "exporter starting");
    assertThat(bridge(exporter.url(), null).scrapeOnce()).isZero();

    assertThat(meters.failures(Failure.UNREACHABLE)).isEqualTo(1.0);
    assertThat(meters.failures(Failure.HTTP_STATUS)).isEqualTo(1.0);
    assertThat(registry.scrape())
        .contains("impact_dcgm_scrape_failures_total{reason=\"unreachable\"} 1.0")
        .contains("impact_dcgm_scrape_failures_total{reason=\"http-status\"} 1.0");
    assertThat(sent).isEmpty();
  }

  @Test
  void shouldKeepScrapingOnItsScheduleThroughAnExporterRestart() {
    exporter.answer(503, "");
    try (DcgmBridge bridge = bridge(exporter.url(), null)) {
      bridge.start(Duration.ofMillis(50));
      await().atMost(Duration.ofSeconds(10)).until(() -> meters.failures() >= 3);
      exporter.serve(ExporterStub.recorded(L4));
      await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() >= 2);
    }
    assertThat(meters.failures(Failure.HTTP_STATUS)).isGreaterThanOrEqualTo(3.0);
  }

  /** The recorded lines once per GPU instance, with the labels dcgm-exporter adds in MIG mode. */
  private static String asMigInstances(final String text, final int instances) {
    final StringBuilder out = new StringBuilder();
    for (final String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        out.append(line).append('\n');
        continue;
      }
      for (int i = 1; i <= instances; i++) {
        out.append(
                line.replace(
                    ",Hostname=", ",GPU_I_PROFILE=\"1g.5gb\",GPU_I_ID=\"" + i + "\",Hostname="))
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String withoutLinesOf(final String text, final String metric) {
    return text.lines()
        .filter(l -> !l.startsWith(metric + "{"))
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
