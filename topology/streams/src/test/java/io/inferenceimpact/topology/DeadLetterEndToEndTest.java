package io.inferenceimpact.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.testing.WholeTopologyDriver;
import io.inferenceimpact.topology.support.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Dead letters through the whole topology: every kind of bad request lands on the DLQ with its
 * original bytes and its own reason, the pipeline keeps running (a valid request after them gets
 * its result), and a request beyond the energy grace is dead-lettered as {@code late} with bytes
 * equal to those its producer sent (same schema version).
 */
class DeadLetterEndToEndTest {
  private static final long T0 = WholeTopologyDriver.T0;

  @Test
  void shouldDeadLetterEveryBadRequestAndKeepRunning() {
    try (WholeTopologyDriver driver = new WholeTopologyDriver("dead-letter-e2e-1")) {
      final InferenceRequest good = request("good", 1_000, 3_000);
      final byte[] valid = driver.encode(good);
      final List<byte[]> bad =
          List.of(
              new byte[] {1, 2, 3},
              Arrays.copyOf(valid, 5),
              headerWithId(valid, 424_242),
              Arrays.copyOf(valid, valid.length - 2),
              driver.encode(InferenceRequest.newBuilder(good).setInputTokens(-1).build()),
              driver.encode(InferenceRequest.newBuilder(good).setOutputTokens(20_000_000).build()),
              driver.encode(
                  InferenceRequest.newBuilder(good)
                      .setEndTime(Instant.ofEpochMilli(T0 - 1))
                      .build()),
              driver.encode(
                  InferenceRequest.newBuilder(good)
                      .setStartTime(Instant.ofEpochMilli(T0 - 7_200_000))
                      .build()),
              driver.encode(InferenceRequest.newBuilder(good).setModel("").build()),
              driver.encode(
                  InferenceRequest.newBuilder(good)
                      .setStartTime(Instant.ofEpochMilli(0))
                      .setEndTime(Instant.ofEpochMilli(1))
                      .build()),
              driver.encode(
                  InferenceRequest.newBuilder(good)
                      .setEndTime(
                          Instant.ofEpochMilli(WholeTopologyDriver.NOW.toEpochMilli() + 3_600_000))
                      .build()));
      bad.forEach(b -> driver.pipeRequestBytes(b, T0));
      driver.pipe(good);

      final List<TestRecord<byte[], byte[]>> dlq = driver.dlq().readRecordsToList();
      assertThat(dlq).extracting(TestRecord::value).containsExactlyElementsOf(bad);
      assertThat(dlq)
          .extracting(r -> header(r, DeadLetters.REASON_HEADER))
          .containsExactly(
              "undecodable",
              "undecodable",
              "undecodable",
              "undecodable",
              "negative-tokens",
              "absurd-tokens",
              "end-before-start",
              "absurd-duration",
              "empty-model",
              "too-old",
              "future-time");
      assertThat(dlq)
          .allSatisfy(
              r ->
                  assertThat(header(r, DeadLetters.SOURCE_TOPIC_HEADER))
                      .isEqualTo("inference.requests.v1"));
      driver.awaitIntensity();
      assertThat(driver.impacts().readKeyValuesToList())
          .extracting(kv -> kv.key)
          .containsExactly("good");
    }
  }

  @Test
  void shouldDeadLetterALateRequestWithTheBytesItsProducerSent() {
    try (WholeTopologyDriver driver = new WholeTopologyDriver("dead-letter-e2e-2")) {
      driver.steady("GPU-A", 0, 30_000, 300);
      driver.finishAll();
      final InferenceRequest late =
          InferenceRequest.newBuilder(request("too-late", 5_000, 10_000))
              .setNode("node-1")
              .setGpuUuids(List.of("GPU-A"))
              .build();
      final byte[] sent = driver.encode(late);
      driver.pipeRequestBytes(sent, T0 + 10_000);

      final List<TestRecord<byte[], byte[]>> dlq = driver.dlq().readRecordsToList();
      assertThat(dlq).hasSize(1);
      assertThat(header(dlq.get(0), DeadLetters.REASON_HEADER)).isEqualTo("late");
      assertThat(dlq.get(0).value()).isEqualTo(sent);
      assertThat(driver.impacts().isEmpty()).isTrue();
    }
  }

  private static InferenceRequest request(final String id, final long start, final long end) {
    return InferenceRequest.newBuilder()
        .setRequestId(id)
        .setModel("meta-llama/Llama-3.1-8B-Instruct")
        .setStartTime(Instant.ofEpochMilli(T0 + start))
        .setEndTime(Instant.ofEpochMilli(T0 + end))
        .setInputTokens(100)
        .setOutputTokens(200)
        .build();
  }

  private static byte[] headerWithId(final byte[] valid, final int id) {
    final byte[] b = valid.clone();
    java.nio.ByteBuffer.wrap(b).putInt(1, id);
    return b;
  }

  private static String header(final TestRecord<byte[], byte[]> record, final String name) {
    final Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
