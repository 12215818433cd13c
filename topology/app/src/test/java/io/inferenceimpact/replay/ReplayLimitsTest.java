package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.app.ImpactCli;
import io.inferenceimpact.validation.DlqReason;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code impact replay} with records far outside the inputs' own time range: they go to the DLQ
 * with the live limits' reasons, and the replay's clock never has to cross the years between.
 */
class ReplayLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GPU_0 = "GPU-8f3c2a10-0000-4000-8000-0000000000a0";

  @TempDir Path tmp;
  private final StringWriter err = new StringWriter();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldDeadLetterFarFutureAndTooOldRecordsAndLeaveEveryOtherOutputUnchanged()
      throws Exception {
    final Path plain = Files.createDirectories(tmp.resolve("plain"));
    final Path stray = Files.createDirectories(tmp.resolve("stray"));
    Files.copy(example("requests.jsonl"), plain.resolve("requests.jsonl"));
    Files.copy(example("gpu-samples.jsonl"), plain.resolve("gpu-samples.jsonl"));
    Files.copy(example("requests.jsonl"), stray.resolve("requests.jsonl"));
    Files.copy(example("gpu-samples.jsonl"), stray.resolve("gpu-samples.jsonl"));
    final int requestLines = lineCount(stray.resolve("requests.jsonl"));
    final int sampleLines = lineCount(stray.resolve("gpu-samples.jsonl"));
    append(
        stray.resolve("requests.jsonl"),
        request("r-2100", "2100-01-01T00:00:00Z", "2100-01-01T00:00:05Z", 10),
        // After ingest.minEventTime (2020) but two years before the inputs' range.
        request("r-2024", "2024-11-27T12:00:00Z", "2024-11-27T12:00:05Z", 10));
    append(
        stray.resolve("gpu-samples.jsonl"),
        "{\"node\": \"node-a\", \"gpu_uuid\": \""
            + GPU_0
            + "\", \"time\": 1262304000000, \"power_watts\": 100.0}");

    final long started = System.nanoTime();
    assertThat(replay(plain, plain.resolve("out"))).as(err.toString()).isZero();
    assertThat(replay(stray, stray.resolve("out"))).as(err.toString()).isZero();
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(30));

    final List<String> names = fileNames(plain.resolve("out"));
    assertThat(fileNames(stray.resolve("out"))).isEqualTo(names);
    for (final String name : names) {
      if (name.equals("impact.dlq.v1.jsonl")) {
        continue;
      }
      assertThat(Files.readString(stray.resolve("out").resolve(name)))
          .as(name)
          .isEqualTo(Files.readString(plain.resolve("out").resolve(name)));
    }
    final List<String> strayInputs =
        List.of(
            "requests.jsonl:" + (requestLines + 1),
            "requests.jsonl:" + (requestLines + 2),
            "gpu-samples.jsonl:" + (sampleLines + 1));
    final List<String> strayDlq = Files.readAllLines(stray.resolve("out/impact.dlq.v1.jsonl"));
    final List<String> others = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    for (final String line : strayDlq) {
      final JsonNode node = JSON.readTree(line);
      if (strayInputs.contains(node.get("input").asText())) {
        reasons.add(node.get("input").asText() + " " + node.get("reason").asText());
      } else {
        others.add(line);
      }
    }
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            strayInputs.get(0) + " future-time",
            strayInputs.get(1) + " too-old",
            strayInputs.get(2) + " too-old");
    assertThat(others).isEqualTo(Files.readAllLines(plain.resolve("out/impact.dlq.v1.jsonl")));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldReplayAnExampleOfEveryDlqReasonWithinThirtySeconds() throws Exception {
    final Path in = Files.createDirectories(tmp.resolve("in"));
    final List<String> samples = new ArrayList<>();
    for (int s = 0; s < 60; s++) {
      samples.add(sample(GPU_0, "2026-11-27T12:00:%02dZ".formatted(s), "\"power_watts\": 300.0"));
    }
    samples.add(sample(GPU_0, "2026-11-27T12:00:30.5Z", "\"power_watts\": -5.0"));
    samples.add(
        sample(
            GPU_0,
            "2026-11-27T12:00:31.5Z",
            "\"power_watts\": 300.0, \"energy_millijoules_total\": -1"));
    samples.add(
        sample(
            GPU_0,
            "2026-11-27T12:00:32.5Z",
            "\"power_watts\": 300.0, \"utilization_percent\": 150"));
    samples.add(sample("", "2026-11-27T12:00:33.5Z", "\"power_watts\": 300.0"));
    Files.write(in.resolve("gpu-samples.jsonl"), samples);

    final String llama = "meta-llama/Llama-3.1-8B-Instruct";
    Files.write(
        in.resolve("requests.jsonl"),
        List.of(
            request("ok", "2026-11-27T12:00:10Z", "2026-11-27T12:00:20Z", 100),
            "{\"request_id\": \"undecodable\", \"model\": \"m\", \"start_time\": \"yesterday\","
                + " \"end_time\": \"2026-11-27T12:00:20Z\", \"input_tokens\": 1,"
                + " \"output_tokens\": 1}",
            request("", "2026-11-27T12:00:10Z", "2026-11-27T12:00:21Z", 100),
            custom("empty-model", "", "[]", "12:00:10Z", "12:00:22Z", 1, 1),
            custom("invalid-gpus", llama, "[\" \"]", "12:00:10Z", "12:00:23Z", 1, 1),
            custom("negative-tokens", llama, "[]", "12:00:10Z", "12:00:24Z", -1, 1),
            custom("end-before-start", llama, "[]", "12:00:30Z", "12:00:25Z", 1, 1),
            request("future-time", "2100-01-01T00:00:00Z", "2100-01-01T00:00:05Z", 1),
            request("too-old", "2010-01-01T00:00:00Z", "2010-01-01T00:00:05Z", 1),
            custom("absurd-tokens", llama, "[]", "12:00:10Z", "12:00:26Z", 1, 20_000_000),
            "{\"request_id\": \"absurd-duration\", \"model\": \""
                + llama
                + "\","
                + " \"start_time\": \"2026-11-27T10:00:00Z\","
                + " \"end_time\": \"2026-11-27T12:00:27Z\", \"input_tokens\": 1,"
                + " \"output_tokens\": 1}",
            "{\"request_id\": \"unestimable\", \"model\": \""
                + llama
                + "\","
                + " \"task\": \"speech-to-text\", \"start_time\": \"2026-11-27T12:00:10Z\","
                + " \"end_time\": \"2026-11-27T12:00:28Z\", \"input_tokens\": 1,"
                + " \"output_tokens\": 0}"));
    Files.write(
        in.resolve("grid.jsonl"),
        List.of(
            grid("DE", "2026-11-27T12:00:00Z", "120.0"),
            grid("", "2026-11-27T12:00:01Z", "120.0"),
            grid("DE", "2026-11-27T12:00:02Z", "-5.0")));

    final long started = System.nanoTime();
    final int code =
        run(
            "replay",
            "--requests",
            in.resolve("requests.jsonl").toString(),
            "--gpu-samples",
            in.resolve("gpu-samples.jsonl").toString(),
            "--grid",
            in.resolve("grid.jsonl").toString(),
            "--out",
            tmp.resolve("out").toString());
    final long elapsed = System.nanoTime() - started;

    assertThat(code).as(err.toString()).isZero();
    assertThat(elapsed).isLessThan(TimeUnit.SECONDS.toNanos(30));
    final List<String> dlq = Files.readAllLines(tmp.resolve("out/impact.dlq.v1.jsonl"));
    final List<String> reasons = new ArrayList<>();
    for (final String line : dlq) {
      reasons.add(JSON.readTree(line).get("reason").asText());
    }
    // Every reason but late: a replay delivers each request at its own event time (its end), so
    // no request can arrive after its slots were final.
    assertThat(new TreeSet<>(reasons))
        .as(String.join("\n", dlq))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(DlqReason.values())
                .filter(reason -> reason != DlqReason.LATE)
                .map(DlqReason::code)
                .toList());
  }

  private static String request(
      final String id, final String start, final String end, final int outputTokens) {
    return "{\"request_id\": \"%s\", \"model\": \"meta-llama/Llama-3.1-8B-Instruct\",".formatted(id)
        + " \"node\": \"node-a\", \"gpu_uuids\": [],"
        + " \"start_time\": \"%s\", \"end_time\": \"%s\", \"input_tokens\": 10,"
            .formatted(start, end)
        + " \"output_tokens\": %d}".formatted(outputTokens);
  }

  private static String custom(
      final String id,
      final String model,
      final String gpus,
      final String startTime,
      final String endTime,
      final long input,
      final long output) {
    return ("{\"request_id\": \"%s\", \"model\": \"%s\", \"node\": \"node-a\", \"gpu_uuids\": %s,"
            + " \"start_time\": \"2026-11-27T%s\", \"end_time\": \"2026-11-27T%s\","
            + " \"input_tokens\": %d, \"output_tokens\": %d}")
        .formatted(id, model, gpus, startTime, endTime, input, output);
  }

  private static String sample(final String gpu, final String time, final String fields) {
    return "{\"node\": \"node-a\", \"gpu_uuid\": \"%s\", \"time\": \"%s\", %s}"
        .formatted(gpu, time, fields);
  }

  private static String grid(final String zone, final String validFrom, final String g) {
    return ("{\"zone\": \"%s\", \"valid_from\": \"%s\", \"intensity_g_per_kwh\": %s,"
            + " \"emission_factor_type\": \"LIFECYCLE\", \"estimated\": false,"
            + " \"source\": \"test\"}")
        .formatted(zone, validFrom, g);
  }

  private int replay(final Path in, final Path out) {
    return run(
        "replay",
        "--requests",
        in.resolve("requests.jsonl").toString(),
        "--gpu-samples",
        in.resolve("gpu-samples.jsonl").toString(),
        "--out",
        out.toString());
  }

  private int run(final String... args) {
    final CommandLine cli = ImpactCli.commandLine(Map.of());
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static void append(final Path file, final String... lines) throws IOException {
    final String text = Files.readString(file);
    Files.writeString(
        file, (text.endsWith("\n") ? text : text + "\n") + String.join("\n", lines) + "\n");
  }

  private static int lineCount(final Path file) throws IOException {
    return Files.readAllLines(file).size();
  }

  private static List<String> fileNames(final Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Path example(final String name) throws URISyntaxException {
    return Path.of(ReplayLimitsTest.class.getResource("/replay/example/" + name).toURI());
  }
}
