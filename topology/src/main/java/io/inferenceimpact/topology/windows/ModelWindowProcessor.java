package io.inferenceimpact.topology.windows;

import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.topology.attribution.EventHorizon;
import io.inferenceimpact.topology.attribution.StageCounter;
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
 * quiet stream.
 *
 * <ul>
 *   <li>A contribution adds to its zone window, and, if it names a tenant, to its tenant window.
 *   <li>A window closes when its end + grace is at or behind the task's {@link EventHorizon} (the
 *       latest contribution time, extrapolated by the wall clock while no record arrives; measured
 *       and idle contributions come one energy grace after their time, ESTIMATED ones one intensity
 *       wait after it, and the kind that comes sooner counts the difference earlier, so that
 *       neither is late). A wall-clock punctuator (every second) emits closed windows, in start
 *       order, and deletes them: the store holds only open windows, so it stays bounded by the
 *       number of models × zones × tenants × (1 + grace / size).
 *   <li>A contribution to a closed window is late: counted ({@code late-window-contributions}) and
 *       dropped. The window is not emitted again; the request itself is on {@code
 *       impact.requests.v1}. The horizon up to which windows were closed is kept in {@code
 *       model-windows-closed-store}, so that a restart (whose horizon starts again from stream
 *       time) does not reopen an emitted window.
 *   <li>Each change of an open window is told to {@link LiveModelRates}.
 * </ul>
 */
final class ModelWindowProcessor
    implements Processor<String, WindowContribution, String, ModelImpactWindow> {
  static final String STORE = "model-windows-store";
  static final String CLOSED_STORE = "model-windows-closed-store";
  static final String METRIC_GROUP = "impact-window-metrics";
  static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);
  private static final String CLOSED_KEY = "closed-through";

  private final long sizeMillis;
  private final long graceMillis;
  private final long measuredLeadMillis; // how far ahead of the slower kind measured ones come
  private final long estimatedLeadMillis; // how far ahead of the slower kind ESTIMATED ones come
  private final LiveModelRates live;
  private EventHorizon horizon;
  private long inputTimeMillis = Long.MIN_VALUE;
  private ProcessorContext<String, ModelImpactWindow> context;
  private KeyValueStore<String, WindowAggregate> windows;
  private KeyValueStore<String, Long> closed;
  private long closedBefore = Long.MIN_VALUE; // cache of the stored value
  private StageCounter late;

  ModelWindowProcessor(final Duration size, final Duration grace, final LiveModelRates live) {
    this(size, grace, Duration.ZERO, Duration.ZERO, live);
  }

  /**
   * @param energyGrace the attribution's grace: measured requests and idle energy reach the windows
   *     this much later (in event time) than they ended
   * @param intensityWait {@code zones.intensityWait}: ESTIMATED requests reach the windows this
   *     much later than they ended (they wait for their grid values)
   */
  ModelWindowProcessor(
      final Duration size,
      final Duration grace,
      final Duration energyGrace,
      final Duration intensityWait,
      final LiveModelRates live) {
    this.sizeMillis = size.toMillis();
    this.graceMillis = grace.toMillis();
    final long lag = Math.max(energyGrace.toMillis(), intensityWait.toMillis());
    this.measuredLeadMillis = lag - energyGrace.toMillis();
    this.estimatedLeadMillis = lag - intensityWait.toMillis();
    this.live = live;
  }

  @Override
  public void init(final ProcessorContext<String, ModelImpactWindow> context) {
    this.context = context;
    this.windows = context.getStateStore(STORE);
    this.closed = context.getStateStore(CLOSED_STORE);
    // init runs again on the same instance when a task is revived: start from the stores only.
    this.horizon = new EventHorizon();
    this.inputTimeMillis = Long.MIN_VALUE;
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
    // An ESTIMATED request arrives one intensity wait after it ended; measured and idle
    // contributions of the same time come one energy grace later: the horizon follows the slower
    // kind, so neither is late.
    inputTimeMillis =
        Math.max(
            inputTimeMillis,
            c.eventTimeMillis() - (c.estimated() ? estimatedLeadMillis : measuredLeadMillis));
    final long closedThrough = closedThrough(context.currentSystemTimeMs());
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

  /** The later of the horizon now and the horizon up to which windows were already emitted. */
  private long closedThrough(final long wallMillis) {
    final long now = horizon.at(wallMillis, inputTimeMillis);
    return Math.max(now, closedBefore);
  }

  private void emitClosed(final long wallMillis) {
    final long through = closedThrough(wallMillis);
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
