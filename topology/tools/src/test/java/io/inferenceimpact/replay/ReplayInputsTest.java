package io.inferenceimpact.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplayInputsTest {
  private static ReplayInput at(final InputKind kind, final int line, final long time) {
    return new ReplayInput(kind, line, time, null, new byte[0], new RecordHeaders());
  }

  private static String show(final ReplayInput in) {
    return in.kind() + ":" + in.line() + "@" + in.eventTimeMillis();
  }

  @Test
  void shouldOrderByEventTimeThenLineThenKind() {
    final List<ReplayInput> requests =
        List.of(at(InputKind.REQUESTS, 1, 3000), at(InputKind.REQUESTS, 2, 1000));
    final List<ReplayInput> samples =
        List.of(
            at(InputKind.GPU_SAMPLES, 1, 1000),
            at(InputKind.GPU_SAMPLES, 2, 1000),
            at(InputKind.GPU_SAMPLES, 3, 3000));

    assertThat(ReplayInputs.merge(List.of(samples, requests)).stream().map(ReplayInputsTest::show))
        .containsExactly(
            "GPU_SAMPLES:1@1000",
            "REQUESTS:2@1000",
            "GPU_SAMPLES:2@1000",
            "REQUESTS:1@3000",
            "GPU_SAMPLES:3@3000");
  }

  @Test
  void shouldGiveAnUntimedLineTheTimeOfTheLineBeforeItOrOfTheFirstTimedLine() {
    final long unknown = ReplayInput.UNKNOWN_TIME;
    final List<ReplayInput> samples =
        List.of(
            at(InputKind.GPU_SAMPLES, 1, unknown),
            at(InputKind.GPU_SAMPLES, 2, 5000),
            at(InputKind.GPU_SAMPLES, 3, 6000),
            at(InputKind.GPU_SAMPLES, 4, unknown));
    final List<ReplayInput> onlyBad = List.of(at(InputKind.REQUESTS, 1, unknown));

    assertThat(ReplayInputs.merge(List.of(samples, onlyBad)).stream().map(ReplayInputsTest::show))
        .containsExactly(
            "REQUESTS:1@5000",
            "GPU_SAMPLES:1@5000",
            "GPU_SAMPLES:2@5000",
            "GPU_SAMPLES:3@6000",
            "GPU_SAMPLES:4@6000");
  }
}
