package io.inferenceimpact.topology.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.testing.PropertyCheck;
import io.inferenceimpact.testing.WholeTopologyDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Requests re-sent by a retrying producer are counted once within {@code ingest.dedupWindow}, on
 * the whole topology: measured and estimated, any interleaving of copies, and not beyond the
 * window.
 */
class RequestDedupTest {
  private static final long T0 = WholeTopologyDriver.T0;
  private static final String LLAMA_8B = "meta-llama/Llama-3.1-8B-Instruct";
  private static final AtomicInteger RUNS = new AtomicInteger();

  @Test
  void shouldCountAnEstimatedRequestSentThreeTimesOnce() {
    try (WholeTopologyDriver driver = driver()) {
      final InferenceRequest r = request("r-1", 0, 10_000, null);
      driver.pipe(r);
      driver.pipe(r);
      driver.pipe(r);

      driver.awaitIntensity();
      assertThat(driver.impacts().readKeyValuesToList())
          .extracting(kv -> kv.key)
          .containsExactly("r-1");
      assertThat(driver.dlq().isEmpty()).isTrue();
      assertThat(duplicates(driver)).isEqualTo(2.0);
    }
  }

  @Test
  void shouldCountAMeasuredRequestSentTwiceOnceWithTheSameEnergy() {
    final Map<String, List<RequestImpact>> once = new TreeMap<>();
    final Map<String, List<RequestImpact>> twice = new TreeMap<>();
    try (WholeTopologyDriver driver = driver()) {
      driver.steady("GPU-A", 0, 30_000, 400);
      driver.pipe(request("r-1", 2_000, 12_000, "GPU-A"));
      driver.pipe(request("r-2", 5_000, 20_000, "GPU-A"));
      driver.finishAll();
      collect(driver, once);
    }
    try (WholeTopologyDriver driver = driver()) {
      driver.steady("GPU-A", 0, 30_000, 400);
      driver.pipe(request("r-1", 2_000, 12_000, "GPU-A"));
      driver.pipe(request("r-2", 5_000, 20_000, "GPU-A"));
      driver.pipe(request("r-1", 2_000, 12_000, "GPU-A"));
      driver.finishAll();
      collect(driver, twice);
      assertThat(duplicates(driver)).isEqualTo(1.0);
    }

    assertThat(once).containsOnlyKeys("r-1", "r-2");
    assertThat(once.get("r-1").get(0).getGpuEnergyJoules()).isPositive();
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void shouldCountACopyWhoseTimeIsBeyondTheWindowAgain() {
    try (WholeTopologyDriver driver = driver()) {
      driver.pipe(request("r-1", 0, 10_000, null));
      // The same id, ending 11 minutes later: outside the 10-minute window of the first.
      driver.pipe(request("r-1", 650_000, 660_000, null));

      driver.awaitIntensity();
      assertThat(driver.impacts().readKeyValuesToList())
          .extracting(kv -> kv.key)
          .containsExactly("r-1", "r-1");
      assertThat(duplicates(driver)).isZero();
    }
  }

  @Test
  void shouldForgetIdsOnceStreamTimeMovesPastTheWindow() throws Exception {
    final ImpactConfig config = config("2m");
    try (WholeTopologyDriver driver = driver(config)) {
      driver.pipe(request("r-1", 0, 10_000, null));
      driver.pipe(request("r-1", 0, 10_000, null)); // within the window: dropped
      driver.pipe(request("r-2", 200_000, 210_000, null)); // stream time 3m20s on
      driver.pipe(request("r-1", 0, 10_000, null)); // the first copy has expired

      driver.awaitIntensity();
      assertThat(driver.impacts().readKeyValuesToList())
          .extracting(kv -> kv.key)
          .containsExactlyInAnyOrder("r-1", "r-2", "r-1");
      assertThat(duplicates(driver)).isEqualTo(1.0);
    }
  }

  @Test
  void shouldGiveTheSamePerRequestResultsForAnyInterleavingOfCopies() {
    PropertyCheck.forAll(
        8,
        20261127L,
        RequestDedupTest::scenario,
        scenario -> {
          final Map<String, List<RequestImpact>> without = run(scenario.originals());
          final Map<String, List<RequestImpact>> with = run(scenario.withCopies());
          assertThat(with).isEqualTo(without);
          assertThat(without).hasSize(scenario.originals().size());
        });
  }

  /** Requests in end-time order, and the same with copies inserted after their originals. */
  private record Scenario(List<InferenceRequest> originals, List<InferenceRequest> withCopies) {
    @Override
    public String toString() {
      return "originals="
          + originals.stream().map(r -> r.getRequestId() + "@" + r.getEndTime()).toList()
          + " sent="
          + withCopies.stream().map(InferenceRequest::getRequestId).toList();
    }
  }

  private static Scenario scenario(final SplittableRandom random) {
    final int n = PropertyCheck.intBetween(random, 1, 25);
    final List<InferenceRequest> originals = new ArrayList<>();
    long end = 1_000;
    for (int i = 0; i < n; i++) {
      end += PropertyCheck.longBetween(random, 0, 5_000);
      final long duration = PropertyCheck.longBetween(random, 100, 8_000);
      final String gpu = PropertyCheck.oneOf(random, "GPU-A", "GPU-B", "GPU-C", null);
      originals.add(request("r-" + i, Math.max(0, end - duration), end, gpu));
    }
    final List<InferenceRequest> sent = new ArrayList<>(originals);
    final int copies = PropertyCheck.intBetween(random, 1, 2 * n);
    for (int c = 0; c < copies; c++) {
      final int original = random.nextInt(n);
      final int after = sent.indexOf(originals.get(original));
      sent.add(after + 1 + random.nextInt(sent.size() - after), originals.get(original));
    }
    return new Scenario(originals, sent);
  }

  private static Map<String, List<RequestImpact>> run(final List<InferenceRequest> requests) {
    final Map<String, List<RequestImpact>> results = new TreeMap<>();
    try (WholeTopologyDriver driver = driver()) {
      driver.steady("GPU-A", 0, 140_000, 350);
      driver.steady("GPU-B", 0, 140_000, 500);
      driver.steady("GPU-C", 0, 140_000, 700);
      requests.forEach(driver::pipe);
      driver.finishAll();
      collect(driver, results);
    }
    return results;
  }

  private static void collect(
      final WholeTopologyDriver driver, final Map<String, List<RequestImpact>> results) {
    driver
        .impacts()
        .readKeyValuesToList()
        .forEach(kv -> results.computeIfAbsent(kv.key, k -> new ArrayList<>()).add(kv.value));
  }

  private static InferenceRequest request(
      final String id, final long startMillis, final long endMillis, final String gpu) {
    return InferenceRequest.newBuilder()
        .setRequestId(id)
        .setModel(LLAMA_8B)
        .setNode("node-1")
        .setGpuUuids(gpu == null ? List.of() : List.of(gpu))
        .setStartTime(Instant.ofEpochMilli(T0 + startMillis))
        .setEndTime(Instant.ofEpochMilli(T0 + endMillis))
        .setInputTokens(100)
        .setOutputTokens(200)
        .build();
  }

  private static double duplicates(final WholeTopologyDriver driver) {
    return driver.counter(DedupProcessor.GROUP, DedupProcessor.COUNTER);
  }

  private static ImpactConfig config(final String dedupWindow) throws Exception {
    final Properties props = new Properties();
    props.put("ingest.dedupWindow", dedupWindow);
    final ImpactConfig config = ConfigLoader.load(props, Map.of());
    assertThat(config.ingest().dedupWindow()).isEqualTo(Duration.parse("PT" + dedupWindow));
    return config;
  }

  private static WholeTopologyDriver driver() {
    return driver(ConfigLoader.defaults());
  }

  private static WholeTopologyDriver driver(final ImpactConfig config) {
    return new WholeTopologyDriver("request-dedup-test-" + RUNS.incrementAndGet(), config);
  }
}
