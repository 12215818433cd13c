package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.energy.ActiveRequest;
import io.inferenceimpact.energy.IntegratorConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 3 per GPU: keeps slots and request copies until they are FINAL, then emits final results
 * only: per (GPU, slot) idle energy per model, and per (request, GPU) one part with the request's
 * shares of all its slots on that GPU. A result once emitted is never corrected, so nothing
 * downstream is counted twice; the price is latency: a result appears {@code grace} after its last
 * slot ended (live provisional values may later be added as deltas, see {@code AttributionDelta}).
 *
 * <p>Time: with {@code h} = the task's {@link EventHorizon}, a slot is final when {@code h >
 * slotEnd + grace}, a part when {@code h > lastSlotEnd + grace} (the end of the last slot the
 * request touches), checked by a wall-clock punctuator (slots first, so a part includes every slot
 * final with it). A slot final on arrival is split at once. A request copy final on arrival (all
 * its slots already final) is late: it is sent on as a zero part marked late (the aggregate sends
 * the request to the DLQ if it was late on every GPU) and counted; a copy arriving when some of its
 * slots are final gets the rest; the missed time counts as unmeasured.
 */
final class AttributionProcessor implements Processor<String, GpuEvent, String, AttributionOutput> {
  private static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);

  private final IntegratorConfig integration;
  private final long graceMillis;
  private final SlotFinalizer finalizer;
  private final EventHorizon horizon = new EventHorizon();
  private ProcessorContext<String, AttributionOutput> context;
  private AttributionStore store;
  private StageCounter lateRequests;
  private StageCounter lateSlots;
  private StageCounter duplicates;

  AttributionProcessor(
      final IntegratorConfig integration, final Duration grace, final SlotFinalizer finalizer) {
    this.integration = integration;
    this.graceMillis = grace.toMillis();
    this.finalizer = finalizer;
  }

  @Override
  public void init(final ProcessorContext<String, AttributionOutput> context) {
    this.context = context;
    this.store = new AttributionStore(context);
    lateRequests =
        StageCounter.register(context, "late-request-gpus", "request copies beyond grace");
    lateSlots = StageCounter.register(context, "late-slots", "slots final on arrival");
    duplicates =
        StageCounter.register(context, "duplicate-request-gpus", "request copies seen twice");
    context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::finalizeDue);
  }

  @Override
  public void process(final Record<String, GpuEvent> record) {
    final long finalBefore = finalBefore(context.currentSystemTimeMs());
    if (record.value().slot() != null) {
      final SlotArrival arrival = record.value().slot();
      if (arrival.slot().slotEndMillis() < finalBefore) {
        lateSlots.increment();
        finalizeSlot(arrival);
      } else {
        store.slots.put(
            AttributionStore.slotKey(arrival.slot().gpuId(), arrival.slot().slotStartMillis()),
            arrival);
      }
    } else {
      addRequest(record.value().request(), finalBefore);
    }
  }

  private void addRequest(final RequestOnGpu copy, final long finalBefore) {
    final ActiveRequest request = copy.request();
    final long lastSlotEnd = lastSlotEnd(request);
    if (lastSlotEnd < finalBefore) {
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
    store.parts.put(key, RequestPart.start(copy, false));
    store.deadlines.put(AttributionStore.deadlineKey(lastSlotEnd, key), key);
  }

  /** Slots and parts ending before this are final. */
  private long finalBefore(final long wallMillis) {
    final long h = horizon.at(wallMillis, context.currentStreamTimeMs());
    return h == Long.MIN_VALUE ? Long.MIN_VALUE : h - graceMillis;
  }

  private void finalizeDue(final long wallMillis) {
    final long finalBefore = finalBefore(wallMillis);
    final long slotMillis = integration.slotMillis();
    for (final KeyValue<String, SlotArrival> due :
        AttributionStore.due(store.slots, start -> start + slotMillis < finalBefore)) {
      finalizeSlot(due.value);
      store.slots.delete(due.key);
    }
    for (final KeyValue<String, String> due :
        AttributionStore.due(store.deadlines, end -> end < finalBefore)) {
      final RequestPart part = store.parts.get(due.value);
      if (part != null) {
        emit(part);
        store.parts.delete(due.value);
      }
      store.deadlines.delete(due.key);
    }
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
        finalizer.finalize(arrival, overlapping, store.models.get(gpu));
    result.parts().forEach(store.parts::put);
    store.models.put(gpu, result.lastServedModel());
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
  }
}
