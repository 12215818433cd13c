package io.inferenceimpact.topology.progress;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The writer side of a repartition topic that carries {@link Marks}, last before its sink: records
 * go on unchanged, and every second (wall clock) a mark says the task's {@link Floor}: no record it
 * forwards from then on is older. Marks go out from the task's start, {@link Long#MIN_VALUE} while
 * the floor is unknown, so that every reader hears of every writer within its {@link
 * SourceClock#DISCOVERY}. Writer id: {@code <writer>-<partition>}, stable across restarts.
 */
public final class MarkEmitter<V> implements Processor<String, V, String, V> {
  static final Duration MARK_EVERY = Duration.ofSeconds(1);

  private final String writer;
  private final Floor floor;
  private ProcessorContext<String, V> context;
  private String writerId;

  public MarkEmitter(final String writer, final Floor floor) {
    this.writer = writer;
    this.floor = floor;
  }

  @Override
  public void init(final ProcessorContext<String, V> context) {
    this.context = context;
    this.writerId = writer + "-" + context.taskId().partition();
    floor.init(context);
    context.schedule(MARK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::mark);
  }

  @Override
  public void process(final Record<String, V> record) {
    floor.read(
        record.timestamp(),
        context.recordMetadata().map(m -> m.offset()).orElse(-1L),
        context.currentSystemTimeMs());
    context.forward(record);
  }

  private void mark(final long wallMillis) {
    final long millis = floor.millis();
    context.forward(
        new Record<String, V>(writerId, null, Math.max(0, millis), Marks.headers(millis)));
  }

  /** Where a task stands: the event time before which it forwards nothing more. */
  public interface Floor {
    /** Called from the emitter's {@code init}: look up the stores the floor reads. */
    void init(org.apache.kafka.streams.processor.api.ProcessingContext context);

    /** The floor now, {@link Long#MIN_VALUE} while unknown. */
    long millis();

    /**
     * A record the emitter forwards, with its timestamp (event time) and input offset ({@code -1}
     * when unknown), read at wall clock.
     */
    default void read(final long timestampMillis, final long offset, final long wallMillis) {}

    /**
     * The floor of an input read directly (not through a hop): its {@link InputWatermark} over the
     * records' timestamps, {@code maxLag} as there; {@code topic} is the input topic.
     */
    static Floor ofInput(final String topic, final Duration maxLag) {
      return new Floor() {
        private InputWatermark watermark;
        private org.apache.kafka.streams.processor.api.ProcessingContext context;

        @Override
        public void init(final org.apache.kafka.streams.processor.api.ProcessingContext context) {
          this.context = context;
          this.watermark = InputWatermark.of(context, topic, maxLag);
        }

        @Override
        public long millis() {
          return watermark.at(context.currentSystemTimeMs());
        }

        @Override
        public void read(final long timestampMillis, final long offset, final long wallMillis) {
          watermark.read(timestampMillis, offset, wallMillis);
        }
      };
    }

    /** The minimum of the subtopology's {@link TaskProgress} parties. */
    static Floor ofTask(final String progressStore) {
      return new Floor() {
        private TaskProgress progress;

        @Override
        public void init(final org.apache.kafka.streams.processor.api.ProcessingContext context) {
          progress = TaskProgress.of(context, progressStore);
        }

        @Override
        public long millis() {
          return progress.floor();
        }
      };
    }
  }
}
