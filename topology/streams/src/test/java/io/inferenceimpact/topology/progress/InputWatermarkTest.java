package io.inferenceimpact.topology.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A partition that reads nothing moves its watermark on the wall clock only while its backlog says
 * it is idle: a starved partition (records wait for it) keeps its watermark where its records left
 * it, else its whole backlog would turn late downstream.
 */
class InputWatermarkTest {
  private static final long START = 1_796_000_000_000L;
  private static final long IDLE = StampProcessor.IDLE_AFTER.toMillis();

  /** A backlog whose answer the test sets, recording what it was asked. */
  private static final class SetBacklog implements InputBacklog {
    State answer = State.UNKNOWN;
    long askedOffset = Long.MIN_VALUE;
    String watched;

    @Override
    public void watch(final String topic, final int partition) {
      watched = topic + "-" + partition;
    }

    @Override
    public State state(final String topic, final int partition, final long nextOffset) {
      askedOffset = nextOffset;
      return answer;
    }
  }

  private final SetBacklog backlog = new SetBacklog();
  private final InputWatermark watermark =
      new InputWatermark(Duration.ofMinutes(10), START, backlog, "requests", 3);

  @Test
  void shouldWatchItsPartition() {
    assertThat(backlog.watched).isEqualTo("requests-3");
  }

  @Test
  void shouldStayUnknownBeforeItsFirstRecordWhileRecordsWait() {
    backlog.answer = InputBacklog.State.UNREAD;
    assertThat(watermark.at(START + 3 * IDLE)).isEqualTo(Long.MIN_VALUE);
    assertThat(backlog.askedOffset).isEqualTo(-1);

    // Its first record arrives late in wall-clock time: its event time is the watermark.
    final long event = START - 120_000;
    watermark.read(event, 0, START + 3 * IDLE + 1);
    assertThat(watermark.at(START + 3 * IDLE + 2)).isEqualTo(event);
  }

  @Test
  void shouldHoldItsWatermarkWhileStarvedAndFollowTheClockOnceIdle() {
    final long event = START - 120_000;
    watermark.read(event, 41, START);
    backlog.answer = InputBacklog.State.UNREAD;
    assertThat(watermark.at(START + 4 * IDLE)).isEqualTo(event);
    assertThat(backlog.askedOffset).isEqualTo(42);

    // Read up: idle from the last time it was seen starved, then at the wall clock's pace.
    backlog.answer = InputBacklog.State.READ;
    final long starvedAt = START + 4 * IDLE;
    assertThat(watermark.at(starvedAt + IDLE - 1)).isEqualTo(event);
    assertThat(watermark.at(starvedAt + IDLE + 1_000)).isEqualTo(event + 1_000);
  }

  @Test
  void shouldFollowTheWallClockRuleWhenTheBacklogIsUnknown() {
    backlog.answer = InputBacklog.State.UNKNOWN;
    assertThat(watermark.at(START + IDLE)).isEqualTo(START);
    final long event = START + 10_000;
    watermark.read(event, 7, START + IDLE);
    assertThat(watermark.at(START + 2 * IDLE + 2_000)).isEqualTo(event + 2_000);
  }
}
