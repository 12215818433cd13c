package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.attribution.ActiveRequest;
import io.inferenceimpact.attribution.GpuSlotIntegrator;
import io.inferenceimpact.attribution.IntegratorConfig;
import io.inferenceimpact.attribution.IntegratorState;
import io.inferenceimpact.attribution.SampleOutcome;
import io.inferenceimpact.attribution.SlotEnergy;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.topology.progress.MarkEmitter;
import io.inferenceimpact.topology.progress.SourceClock;
import io.inferenceimpact.topology.progress.Stamped;
import io.inferenceimpact.topology.support.StageCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stages 2 and 3 per GPU: integrates the GPU's samples into slots ({@link GpuSlotIntegrator}, state
 * in {@value AttributionStore#INTEGRATOR}), keeps slots and request copies until they are FINAL,
 * then emits final results only: per (GPU, slot) idle energy per model, and per (request, GPU) one
 * part with the request's shares of all its slots on that GPU. A result once emitted is never
 * corrected, so nothing downstream is counted twice; the price is latency: a result appears {@code
 * grace} after its last slot ended.
 *
 * <p>Time is event time only. Both inputs are stamped by their writers ({@link Stamped}: the GPU
 * samples' input partitions, the request dedup tasks); {@link SourceClock} keeps their watermarks
 * and {@code W} is their minimum: every sample and request with an event time before {@code W} that
 * will arrive on time has arrived. The finality horizon {@code F = W − grace} is kept in {@value
 * AttributionStore#HORIZON} and never moves back (not on a restart either). A slot is final when
 * its end is at or before {@code F}, a part when the end of the last slot its request touches is; a
 * wall-clock punctuator (every second) finalises what is due, slots first, so a part includes every
 * slot final with it. Because {@code W} follows the slowest input partition, a backlog read in any
 * order gives the same results as live processing; the wall clock moves {@code W} only through
 * writers that have no input left to read.
 *
 * <p>Late input: a slot completed after {@code F} passed its end is split at once among the parts
 * still held (counted, {@code late-slots-total}). A request copy all of whose slots are final is
 * late ({@code late-request-gpus-total}): it is sent on as a zero part marked late (the aggregate
 * sends the request to the DLQ if it was late on every GPU). A copy arriving when some of its slots
 * are final gets the rest; the time before {@code F} counts as measured when the GPU has samples
 * (its energy was already split among the requests then known and idle), so it is never estimated
 * on top: nothing is counted twice.
 *
 * <p>Quiet GPUs: a GPU whose last sample is more than {@code maxSampleGap} before {@code W} has a
 * gap (its next sample would have arrived by now): it is flushed up to the end of the slot holding
 * {@code lastSample + maxSampleGap}, whose remainder is UNMEASURED. The same on every run, since it
 * depends on event time only.
 */
final class AttributionProcessor
    implements Processor<String, Stamped<GpuEvent>, String, AttributionOutput> {
  private static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);
  private static final String HORIZON_KEY = "final-before";

  private final IntegratorConfig integration;
  private final long graceMillis;
  private final SlotFinalizer finalizer;
  private ProcessorContext<String, AttributionOutput> context;
  private AttributionStore store;
  private SourceClock clock;
  private long finalBefore = Long.MIN_VALUE;
  private long lastWatermark = Long.MIN_VALUE;
  private StageCounter lateRequests;
  private StageCounter lateSlots;
  private StageCounter duplicates;
  private StageCounter rejected;

  AttributionProcessor(
      final IntegratorConfig integration, final Duration grace, final SlotFinalizer finalizer) {
    this.integration = integration;
    this.graceMillis = grace.toMillis();
    this.finalizer = finalizer;
  }

  /**
   * The attribution task's floor for what it sends on ({@link MarkEmitter}): every part and idle
   * record still to come belongs to a slot ending after the horizon {@code F} in {@value
   * AttributionStore#HORIZON}, so its event time (request end, idle slot start) is after {@code F −
   * slot}. The emitter must be connected to that store.
   */
  static MarkEmitter.Floor finalityFloor(final long slotMillis) {
    return new MarkEmitter.Floor() {
      private KeyValueStore<String, Long> horizon;

      @Override
      public void init(final ProcessingContext context) {
        horizon = context.getStateStore(AttributionStore.HORIZON);
      }

      @Override
      public long millis() {
        final Long stored = horizon.get(HORIZON_KEY);
        return stored == null ? Long.MIN_VALUE : stored - slotMillis;
      }
    };
  }

  @Override
  public void init(final ProcessorContext<String, AttributionOutput> context) {
    this.context = context;
    this.store = new AttributionStore(context);
    for (final Map.Entry<String, RequestPart> held : store.parts.entries().entrySet()) {
      indexDeadline(held.getKey(), held.getValue().request());
    }
    this.clock = new SourceClock(store.sources, context.currentSystemTimeMs());
    final Long stored = store.horizon.get(HORIZON_KEY);
    this.finalBefore = stored == null ? Long.MIN_VALUE : stored;
    this.lastWatermark = Long.MIN_VALUE;
    lateRequests =
        StageCounter.register(
            context, StageCounter.ATTRIBUTION, "late-request-gpus", "request copies beyond grace");
    lateSlots =
        StageCounter.register(
            context, StageCounter.ATTRIBUTION, "late-slots", "slots final on arrival");
    duplicates =
        StageCounter.register(
            context,
            StageCounter.ATTRIBUTION,
            "duplicate-request-gpus",
            "request copies seen twice");
    rejected =
        StageCounter.register(
            context,
            StageCounter.ATTRIBUTION,
            "gpu-samples-rejected",
            "GPU samples not integrated: duplicate, out of order or before a flush");
    context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::finalizeDue);
  }

  @Override
  public void process(final Record<String, Stamped<GpuEvent>> record) {
    final Stamped<GpuEvent> stamped = record.value();
    clock.observe(stamped);
    if (stamped.isMark()) {
      // Progress: finalise what it made due now rather than at the next punctuation.
      finalizeDue(context.currentSystemTimeMs());
      return;
    }
    if (stamped.value().sample() != null) {
      integrate(record.key(), stamped.value().sample());
    } else {
      addRequest(stamped.value().request());
    }
  }

  private void integrate(final String gpu, final GpuSample sample) {
    final GpuIntegration stored = store.integrators.get(gpu);
    final GpuSlotIntegrator integrator =
        new GpuSlotIntegrator(
            gpu, integration, stored == null ? IntegratorState.EMPTY : stored.state());
    final SampleOutcome outcome =
        integrator.accept(
            new io.inferenceimpact.attribution.GpuSample(
                sample.getTime().toEpochMilli(),
                sample.getPowerWatts(),
                sample.getEnergyMillijoulesTotal()));
    if (!outcome.isAccepted()) {
      rejected.increment();
      return;
    }
    store.integrators.put(
        gpu,
        new GpuIntegration(integrator.state(), sample.getNode(), sample.getTime().toEpochMilli()));
    addSlots(outcome.completedSlots(), sample.getNode());
  }

  private void addSlots(final List<SlotEnergy> slots, final String node) {
    for (final SlotEnergy slot : slots) {
      final SlotArrival arrival = new SlotArrival(slot, node);
      if (slot.slotEndMillis() <= finalBefore) {
        lateSlots.increment();
        finalizeSlot(arrival);
      } else {
        store.slots.put(AttributionStore.slotKey(slot.gpuId(), slot.slotStartMillis()), arrival);
      }
    }
  }

  private void addRequest(final RequestOnGpu copy) {
    final ActiveRequest request = copy.request();
    final long lastSlotEnd = lastSlotEnd(request);
    if (lastSlotEnd <= finalBefore) {
      lateRequests.increment();
      emit(RequestPart.start(copy, true));
      return;
    }
    final String key =
        AttributionStore.partKey(copy.gpuUuid(), request.startMillis(), request.requestId());
    if (store.parts.get(key) != null) {
      duplicates.increment();
      return;
    }
    RequestPart part = RequestPart.start(copy, false);
    if (request.startMillis() < finalBefore && store.integrators.get(copy.gpuUuid()) != null) {
      // Its time before the horizon on this GPU was already split among the requests then known
      // and idle: measured, not to be estimated again.
      part = part.plus(null, request.overlapMillis(request.startMillis(), finalBefore), 0.0);
    }
    store.parts.put(key, part);
    indexDeadline(key, request);
  }

  /** The in-memory deadline index: the part under {@code key} is final after its last slot. */
  private void indexDeadline(final String key, final ActiveRequest request) {
    store.deadlines.put(AttributionStore.deadlineKey(lastSlotEnd(request), key), key);
  }

  private void finalizeDue(final long wallMillis) {
    final long watermark = clock.watermark(wallMillis);
    clock.flush();
    if (watermark <= lastWatermark) {
      return; // nothing new is due: the scans below depend on the watermark alone
    }
    lastWatermark = watermark;
    flushQuietGpus(watermark);
    final long horizon = watermark - graceMillis;
    if (horizon <= finalBefore) {
      return;
    }
    finalBefore = horizon;
    store.horizon.put(HORIZON_KEY, horizon);
    final long slotMillis = integration.slotMillis();
    for (final KeyValue<String, SlotArrival> due :
        AttributionStore.due(store.slots, start -> start + slotMillis <= horizon)) {
      finalizeSlot(due.value);
      store.slots.delete(due.key);
    }
    for (final KeyValue<String, String> due :
        AttributionStore.due(store.deadlines, end -> end <= horizon)) {
      final RequestPart part = store.parts.get(due.value);
      if (part != null) {
        emit(part);
        store.parts.delete(due.value);
      }
      store.deadlines.remove(due.key);
    }
  }

  /** Closes the open slots of GPUs whose next sample is overdue at event time {@code watermark}. */
  private void flushQuietGpus(final long watermark) {
    final List<KeyValue<String, GpuIntegration>> quiet = new ArrayList<>();
    for (final Map.Entry<String, GpuIntegration> entry : store.integrators.entries().entrySet()) {
      final IntegratorState state = entry.getValue().state();
      if (!state.isEmpty()
          && state.lastSample().timeMillis() + integration.maxGapMillis() < watermark
          && state.coveredUpToMillis() < flushUpTo(state)) {
        quiet.add(KeyValue.pair(entry.getKey(), entry.getValue()));
      }
    }
    for (final KeyValue<String, GpuIntegration> entry : quiet) {
      final GpuIntegration value = entry.value;
      final GpuSlotIntegrator integrator =
          new GpuSlotIntegrator(entry.key, integration, value.state());
      final List<SlotEnergy> slots = integrator.flush(flushUpTo(value.state()));
      store.integrators.put(
          entry.key,
          new GpuIntegration(integrator.state(), value.node(), value.lastSampleMillis()));
      addSlots(slots, value.node());
    }
  }

  /** The end of the slot holding the quiet GPU's last sample + the gap limit. */
  private long flushUpTo(final IntegratorState state) {
    return integration.slotStartOf(state.lastSample().timeMillis() + integration.maxGapMillis())
        + integration.slotMillis();
  }

  private void finalizeSlot(final SlotArrival arrival) {
    final String gpu = arrival.slot().gpuId();
    final Map<String, RequestPart> overlapping = new LinkedHashMap<>();
    final Map<String, Boolean> seenIds = new LinkedHashMap<>();
    for (final KeyValue<String, RequestPart> entry :
        store.partsOf(gpu, arrival.slot().slotEndMillis())) {
      final ActiveRequest request = entry.value.request();
      if (request.endMillis() > arrival.slot().slotStartMillis()
          && seenIds.putIfAbsent(request.requestId(), true) == null) {
        overlapping.put(entry.key, entry.value);
      }
    }
    final SlotFinalizer.Result result =
        finalizer.finalize(arrival, overlapping, store.models.get(gpu), store.zones.get(gpu));
    result.parts().forEach(store.parts::put);
    store.models.put(gpu, result.lastServedModel());
    if (result.lastRequestZone() != null) {
      store.zones.put(gpu, result.lastRequestZone());
    }
    for (final IdleEnergy idle : result.idle()) {
      context.forward(
          new Record<>(idle.model(), new AttributionOutput(null, idle), idle.slotEndMillis()));
    }
  }

  private void emit(final RequestPart part) {
    context.forward(
        new Record<>(
            part.request().requestId(),
            new AttributionOutput(part, null),
            part.request().endMillis()));
  }

  private long lastSlotEnd(final ActiveRequest request) {
    final long lastInstant = Math.max(request.startMillis(), request.endMillis() - 1);
    return integration.slotStartOf(lastInstant) + integration.slotMillis();
  }

  @Override
  public void close() {
    lateRequests.close();
    lateSlots.close();
    duplicates.close();
    rejected.close();
  }
}
