package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.app.ImpactCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code impact replay} run in-process on the checked-in example scenario. */
class ReplayCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GPU_0 = "GPU-8f3c2a10-0000-4000-8000-0000000000a0";
  private static final String GPU_1 = "GPU-8f3c2a10-0000-4000-8000-0000000000a1";

  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final String... args) {
    final CommandLine cli = ImpactCli.commandLine(Map.of());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private int replayExample(final Path outDir) throws URISyntaxException {
    return run(
        "replay",
        "--requests",
        example("requests.jsonl").toString(),
        "--gpu-samples",
        example("gpu-samples.jsonl").toString(),
        "--out",
        outDir.toString());
  }

  @Test
  void shouldPrintOneSummaryLinePerOutputFile() throws Exception {
    assertThat(replayExample(tmp.resolve("out"))).as(err.toString()).isZero();

    final List<String> summary = out.toString().lines().toList();
    assertThat(summary).contains("impact.dlq.v1.jsonl: 4 records");
    assertThat(summary).allMatch(line -> line.matches("\\S+\\.jsonl: \\d+ records?"));
    try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              summary.stream().map(line -> line.substring(0, line.indexOf(':'))).toList());
    }
  }

  @Test
  void shouldWriteByteIdenticalFilesOnEveryRun() throws Exception {
    assertThat(replayExample(tmp.resolve("first"))).isZero();
    assertThat(replayExample(tmp.resolve("second"))).isZero();

    final List<String> names = fileNames(tmp.resolve("first"));
    assertThat(names).isNotEmpty().isEqualTo(fileNames(tmp.resolve("second")));
    for (final String name : names) {
      assertThat(Files.readAllBytes(tmp.resolve("second").resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(tmp.resolve("first").resolve(name)));
    }
  }

  @Test
  void shouldSendEachInvalidLineToTheDlqInEventTimeOrderWithItsReason() throws Exception {
    assertThat(replayExample(tmp)).isZero();

    final List<JsonNode> dlq = jsonLines(tmp.resolve("impact.dlq.v1.jsonl"));
    assertThat(dlq)
        .extracting(n -> n.get("reason").asText())
        .containsExactly("undecodable", "undecodable", "end-before-start", "invalid-power");
    assertThat(dlq)
        .extracting(n -> n.get("key").asText())
        .containsExactly("r-bad-time", GPU_1, "r-backwards", GPU_0);
    assertThat(dlq)
        .extracting(n -> n.get("source_topic").asText())
        .containsExactly(
            "inference.requests.v1", "gpu.metrics.v1", "inference.requests.v1", "gpu.metrics.v1");
    assertThat(dlq)
        .extracting(n -> n.get("input").asText())
        .containsExactly(
            "requests.jsonl:3",
            "gpu-samples.jsonl:103",
            "requests.jsonl:6",
            "gpu-samples.jsonl:184");

    final JsonNode badTime = dlq.get(0);
    assertThat(badTime.get("input_error").asText())
        .startsWith("requests.jsonl line 3: field 'start_time': expected epoch milliseconds");
    assertThat(badTime.get("detail").asText()).isNotBlank();
    assertThat(Base64.getDecoder().decode(badTime.get("value_base64").asText()))
        .isEqualTo(line(example("requests.jsonl"), 3));
    assertThat(dlq.get(1).get("input_error").asText())
        .isEqualTo(
            "gpu-samples.jsonl line 103: field 'power_watts': expected a number, got \"450 W\"");

    final JsonNode backwards = dlq.get(2);
    assertThat(backwards.get("timestamp").asLong())
        .as("the record's timestamp is its event time, end_time")
        .isEqualTo(Instant.parse("2026-11-27T12:01:19Z").toEpochMilli());
    assertThat(backwards.get("input_error").isNull()).isTrue();
    assertThat(backwards.get("detail").isNull()).isTrue();
  }

  @Test
  void shouldWriteAResultAndNoDlqLinesForValidRecords() throws Exception {
    final Path requests =
        Files.writeString(
            tmp.resolve("requests.jsonl"),
            "{\"request_id\": \"r-1\", \"model\": \"llama\", \"gpu_uuids\": [\"GPU-0\"],"
                + " \"start_time\": \"2026-11-27T12:00:01Z\", \"end_time\": 1795780803000,"
                + " \"input_tokens\": 10, \"output_tokens\": 20}\n\n");
    final Path samples =
        Files.writeString(
            tmp.resolve("gpu-samples.jsonl"),
            "{\"node\": \"n\", \"gpu_uuid\": \"GPU-0\", \"time\": 1795780800000,"
                + " \"power_watts\": 126.0}\r\n"
                + "{\"node\": \"n\", \"gpu_uuid\": \"GPU-0\", \"time\": \"2026-11-27T12:00:05Z\","
                + " \"power_watts\": 500.0, \"energy_millijoules_total\": 1500000}\r\n");

    final int code =
        run(
            "replay",
            "--requests",
            requests.toString(),
            "--gpu-samples",
            samples.toString(),
            "--out",
            tmp.resolve("out").toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("impact.dlq.v1.jsonl: 0 records");
    assertThat(Files.size(tmp.resolve("out").resolve("impact.dlq.v1.jsonl"))).isZero();
    final List<JsonNode> impacts =
        jsonLines(tmp.resolve("out").resolve("impact.requests.v1.jsonl"));
    assertThat(impacts).extracting(n -> n.get("key").asText()).containsExactly("r-1");
    final JsonNode r1 = impacts.get(0).get("value");
    assertThat(r1.get("request_id").asText()).isEqualTo("r-1");
    assertThat(r1.get("model").asText()).isEqualTo("llama");
    assertThat(r1.get("input_tokens").asLong()).isEqualTo(10);
    assertThat(r1.get("output_tokens").asLong()).isEqualTo(20);
    assertThat(r1.get("method").asText()).isEqualTo("MEASURED");
    // The only GPU drew between 126 W and 500 W (its two samples) during the request's 2 s.
    assertThat(r1.get("gpu_energy_joules").asDouble()).isBetween(2 * 126.0, 2 * 500.0);
  }

  @Test
  void shouldExit2NamingAMissingInputFile() throws Exception {
    final Path missing = tmp.resolve("nope.jsonl");

    final int code =
        run(
            "replay",
            "--requests",
            example("requests.jsonl").toString(),
            "--gpu-samples",
            missing.toString(),
            "--out",
            tmp.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--gpu-samples: no such file:", "nope.jsonl");
    assertThat(run("replay")).isEqualTo(2);
  }

  @Test
  void shouldExit3OnAnInvalidConfig() throws Exception {
    final Path config = Files.writeString(tmp.resolve("bad.yaml"), "energy:\n  slotSise: 5s\n");

    final int code =
        run(
            "replay",
            "--config",
            config.toString(),
            "--requests",
            example("requests.jsonl").toString(),
            "--gpu-samples",
            example("gpu-samples.jsonl").toString(),
            "--out",
            tmp.resolve("out").toString());

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("energy.slotSise: unknown key");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  private static Path example(final String name) throws URISyntaxException {
    return Path.of(ReplayCommandTest.class.getResource("/replay/example/" + name).toURI());
  }

  private static List<String> fileNames(final Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<JsonNode> jsonLines(final Path file) throws IOException {
    final List<JsonNode> nodes = new ArrayList<>();
    for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  private static byte[] line(final Path file, final int number) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8)
        .get(number - 1)
        .getBytes(StandardCharsets.UTF_8);
  }
}
