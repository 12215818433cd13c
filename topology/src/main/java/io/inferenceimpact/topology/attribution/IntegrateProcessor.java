package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.energy.GpuSlotIntegrator;
import io.inferenceimpact.energy.IntegratorConfig;
import io.inferenceimpact.energy.IntegratorState;
import io.inferenceimpact.energy.SampleOutcome;
import io.inferenceimpact.energy.SlotEnergy;
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
 * Stage 2 per GPU: feeds the GPU's samples to {@link GpuSlotIntegrator} (state in {@value #STORE})
 * and emits each completed slot, keyed by GPU, stamped with the slot's end.
 *
 * <p>Refused samples (duplicate, out of order, before a flush) are counted ({@code
 * gpu-samples-rejected-total}), not sent to the DLQ: exporters and at-least-once producers repeat
 * and reorder samples as a matter of course, the record itself is valid, and the integrator's
 * result is the same without it. Impossible values never get here (the ingest stage's DLQ).
 *
 * <p>Quiet GPUs: a wall-clock punctuator flushes a GPU whose last sample was processed more than
 * {@code maxSampleGap} ago (wall clock, so a fast backfill never triggers it), up to the end of the
 * slot containing {@code lastSample + maxSampleGap}; those slots then close as UNMEASURED after the
 * last sample. Later time stays without slots until samples return (treated as unmeasured).
 */
final class IntegrateProcessor implements Processor<String, GpuSample, String, GpuEvent> {
  static final String STORE = "gpu-integrator-store";
  private static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);

  private final IntegratorConfig config;
  private ProcessorContext<String, GpuEvent> context;
  private KeyValueStore<String, GpuIntegration> store;
  private StageCounter rejected;

  IntegrateProcessor(final IntegratorConfig config) {
    this.config = config;
  }

  @Override
  public void init(final ProcessorContext<String, GpuEvent> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.rejected =
        StageCounter.register(
            context,
            "gpu-samples-rejected",
            "GPU samples not integrated: duplicate, out of order or before a flush");
    context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::flushQuiet);
  }

  @Override
  public void process(final Record<String, GpuSample> record) {
    final String gpu = record.key();
    final GpuSample sample = record.value();
    final GpuIntegration stored = store.get(gpu);
    final GpuSlotIntegrator integrator =
        new GpuSlotIntegrator(gpu, config, stored == null ? IntegratorState.EMPTY : stored.state());
    final SampleOutcome outcome =
        integrator.accept(
            new io.inferenceimpact.energy.GpuSample(
                sample.getTime().toEpochMilli(),
                sample.getPowerWatts(),
                sample.getEnergyMillijoulesTotal()));
    if (!outcome.isAccepted()) {
      rejected.increment();
      return;
    }
    store.put(
        gpu,
        new GpuIntegration(integrator.state(), sample.getNode(), context.currentSystemTimeMs()));
    forward(outcome.completedSlots(), sample.getNode());
  }

  private void flushQuiet(final long wallMillis) {
    final List<KeyValue<String, GpuIntegration>> quiet = new ArrayList<>();
    try (KeyValueIterator<String, GpuIntegration> all = store.all()) {
      all.forEachRemaining(
          entry -> {
            if (wallMillis - entry.value.lastArrivalWallMillis() > config.maxGapMillis()) {
              quiet.add(entry);
            }
          });
    }
    for (final KeyValue<String, GpuIntegration> entry : quiet) {
      final GpuIntegration value = entry.value;
      if (value.state().isEmpty()) {
        continue;
      }
      final long lastSampleMillis = value.state().lastSample().timeMillis();
      final long upTo =
          config.slotStartOf(lastSampleMillis + config.maxGapMillis()) + config.slotMillis();
      final GpuSlotIntegrator integrator = new GpuSlotIntegrator(entry.key, config, value.state());
      final List<SlotEnergy> slots = integrator.flush(upTo);
      if (!slots.isEmpty()) {
        store.put(
            entry.key,
            new GpuIntegration(integrator.state(), value.node(), value.lastArrivalWallMillis()));
        forward(slots, value.node());
      }
    }
  }

  private void forward(final List<SlotEnergy> slots, final String node) {
    for (final SlotEnergy slot : slots) {
      context.forward(
          new Record<>(
              slot.gpuId(), GpuEvent.ofSlot(new SlotArrival(slot, node)), slot.slotEndMillis()));
    }
  }

  @Override
  public void close() {
    rejected.close();
  }
}
