package io.inferenceimpact.topology.progress;

import java.time.Duration;
import java.util.OptionalLong;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The reader side of a repartition topic that carries {@link Marks}, first after its source: keeps
 * every writer's watermark ({@link SourceClock}, store {@code sourcesStore}, changelogged), puts
 * their minimum into the subtopology's {@link TaskProgress} as party {@code party}, and drops the
 * marks; records go on unchanged.
 */
public final class MarkReader<V> implements FixedKeyProcessor<String, V, V> {
  static final Duration UPDATE_EVERY = Duration.ofSeconds(1);

  private final String party;
  private final String sourcesStore;
  private final String progressStore;
  private FixedKeyProcessorContext<String, V> context;
  private SourceClock clock;
  private TaskProgress progress;

  /**
   * @param party this reader's name in the task's progress (e.g. the topic's)
   * @param sourcesStore the reader's own store of writer watermarks (String → Long, logged)
   * @param progressStore the subtopology's {@link TaskProgress} store
   */
  public MarkReader(final String party, final String sourcesStore, final String progressStore) {
    this.party = party;
    this.sourcesStore = sourcesStore;
    this.progressStore = progressStore;
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, V> context) {
    this.context = context;
    // init runs again on the same instance when a task is revived: start from the stores only.
    this.clock =
        new SourceClock(context.getStateStore(sourcesStore), context.currentSystemTimeMs());
    this.progress = TaskProgress.of(context, progressStore);
    progress.register(party);
    context.schedule(
        UPDATE_EVERY,
        PunctuationType.WALL_CLOCK_TIME,
        wall -> {
          update(wall);
          clock.flush();
        });
  }

  @Override
  public void process(final FixedKeyRecord<String, V> record) {
    final OptionalLong mark = Marks.watermarkOf(record.value(), record.headers());
    if (mark.isPresent()) {
      clock.observe(Stamped.mark(record.key(), mark.getAsLong()));
      update(context.currentSystemTimeMs());
      return;
    }
    if (record.value() != null) {
      context.forward(record);
    }
  }

  private void update(final long wallMillis) {
    progress.set(party, clock.watermark(wallMillis));
  }
}
