package io.inferenceimpact.topology.windows;

import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.topology.progress.TaskProgress;
import io.inferenceimpact.topology.support.StageCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tumbling model windows with an explicit grace, final results exactly once per window, also on a
 * quiet stream and whatever order a backlog is read in.
 *
 * <ul>
 *   <li>A contribution adds to its zone window, and, if it names a tenant, to its tenant window.
 *   <li>A window closes when its end + grace is at or behind the task's floor ({@link
 *       TaskProgress}, store {@value #PROGRESS_STORE}): the minimum over the grid-join tasks that
 *       write {@code model-rates-by-model} of the event time before which they send nothing more,
 *       which they know from their own writers in turn, back to the inputs' watermarks (see {@code
 *       topology.progress}). So a window closes when every contribution to it has arrived, live, on
 *       a backlog and in replay alike, never on this task's own stream time. A wall-clock
 *       punctuator (every second) emits closed windows, in start order, and deletes them: the store
 *       holds only open windows, so it stays bounded by the number of models × zones × tenants × (1
 *       + grace / size).
 *   <li>A contribution to a closed window is late: counted ({@code late-window-contributions}) and
 *       dropped. The window is not emitted again; the request itself is on {@code
 *       impact.requests.v1}. The horizon up to which windows were closed is kept in {@code
 *       model-windows-closed-store}, so that a restart does not reopen an emitted window.
 *   <li>Each change of an open window is told to {@link LiveModelRates}.
 * </ul>
 */
final class ModelWindowProcessor
    implements Processor<String, WindowContribution, String, ModelImpactWindow> {
  static final String STORE = "model-windows-store";
  static final String CLOSED_STORE = "model-windows-closed-store";
  static final String PROGRESS_STORE = "model-windows-progress-store";
  static final String METRIC_GROUP = StageCounter.WINDOWS;
  static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);
  private static final String CLOSED_KEY = "closed-through";

  private final long sizeMillis;
  private final long graceMillis;
  private final LiveModelRates live;
  private ProcessorContext<String, ModelImpactWindow> context;
  private KeyValueStore<String, WindowAggregate> windows;
  private KeyValueStore<String, Long> closed;
  private TaskProgress progress;
  private long closedBefore = Long.MIN_VALUE; // cache of the stored value
  private StageCounter late;

  ModelWindowProcessor(final Duration size, final Duration grace, final LiveModelRates live) {
    this.sizeMillis = size.toMillis();
    this.graceMillis = grace.toMillis();
    this.live = live;
  }

  @Override
  public void init(final ProcessorContext<String, ModelImpactWindow> context) {
    this.context = context;
    this.windows = context.getStateStore(STORE);
    this.closed = context.getStateStore(CLOSED_STORE);
    this.progress = TaskProgress.of(context, PROGRESS_STORE);
    final Long stored = closed.get(CLOSED_KEY);
    this.closedBefore = stored == null ? Long.MIN_VALUE : stored;
    this.late =
        StageCounter.register(
            context,
            METRIC_GROUP,
            "late-window-contributions",
            "contributions to model windows already closed");
    context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::emitClosed);
  }

  @Override
  public void process(final Record<String, WindowContribution> record) {
    final WindowContribution c = record.value();
    final long closedThrough = closedThrough();
    final WindowAggregate zoneWindow = WindowAggregate.open(c, null, sizeMillis);
    if (zoneWindow.endMillis() + graceMillis <= closedThrough) {
      late.increment();
      return;
    }
    add(zoneWindow, c);
    if (c.tenant() != null) {
      add(WindowAggregate.open(c, c.tenant(), sizeMillis), c);
    }
  }

  private void add(final WindowAggregate empty, final WindowContribution c) {
    final String key = empty.storeKey();
    final WindowAggregate stored = windows.get(key);
    final WindowAggregate updated = (stored == null ? empty : stored).plus(c.totals());
    windows.put(key, updated);
    if (live != LiveModelRates.NONE) {
      live.update(ModelRates.of(updated));
    }
  }

  /** The later of the task's floor now and the horizon up to which windows were emitted. */
  private long closedThrough() {
    return Math.max(progress.floor(), closedBefore);
  }

  private void emitClosed(final long wallMillis) {
    final long through = closedThrough();
    if (through < 0) {
      return;
    }
    final List<KeyValue<String, WindowAggregate>> due = new ArrayList<>();
    try (KeyValueIterator<String, WindowAggregate> all = windows.all()) {
      while (all.hasNext()) {
        final KeyValue<String, WindowAggregate> next = all.next();
        if (next.value.endMillis() + graceMillis > through) {
          break; // keys are in start order, and all windows have the same size
        }
        due.add(next);
      }
    }
    for (final KeyValue<String, WindowAggregate> window : due) {
      context.forward(
          new Record<>(
              window.value.outputKey(), ModelRates.of(window.value), window.value.endMillis() - 1));
      windows.delete(window.key);
    }
    if (through > closedBefore) {
      closedBefore = through;
      closed.put(CLOSED_KEY, through);
    }
  }

  @Override
  public void close() {
    late.close();
  }
}
