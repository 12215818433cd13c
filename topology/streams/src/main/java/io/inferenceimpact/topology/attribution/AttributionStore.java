package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.topology.support.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The state of the attribution processor, in persistent, changelogged stores. Every entry is
 * deleted once final, so the state holds at most a grace period of slots and requests; the
 * processor reads it from memory ({@link Mirror}) and writes through to the stores.
 *
 * <ul>
 *   <li>{@value #SLOTS}: {@code slotStart|gpu} → slot waiting to become final (time-ordered);
 *   <li>{@value #PARTS}: {@code gpu|start|requestId} → the request's part on that GPU, filled as
 *       its slots become final (scanned per GPU);
 *   <li>{@link #deadlines} (memory only, rebuilt from the parts at init): {@code
 *       lastSlotEnd|gpu|start|requestId} → key in {@value #PARTS} (time-ordered: which parts are
 *       final);
 *   <li>{@value #MODELS}: {@code gpu} → model the GPU served last (charged for idle time);
 *   <li>{@value #ZONES}: {@code gpu} → zone named by the request the GPU served last (the zone of
 *       its idle energy where fleet config places the node nowhere);
 *   <li>{@value #INTEGRATOR}: {@code gpu} → the GPU's integrator state and node;
 *   <li>{@value #SOURCES}: writer source id → its watermark ({@code SourceClock});
 *   <li>{@value #HORIZON}: the finality horizon {@code F} reached so far.
 * </ul>
 */
final class AttributionStore {
  static final String SLOTS = "attribution-slots-store";
  static final String PARTS = "attribution-requests-store";
  static final String MODELS = "attribution-gpu-models-store";
  static final String ZONES = "attribution-gpu-zones-store";
  static final String INTEGRATOR = "gpu-integrator-store";
  static final String SOURCES = "attribution-sources-store";
  static final String HORIZON = "attribution-horizon-store";

  final Mirror<SlotArrival> slots;
  final Mirror<RequestPart> parts;

  /** An index of the parts by the end of their last slot: derived, so kept in memory only. */
  final TreeMap<String, String> deadlines = new TreeMap<>();

  final Mirror<String> models;
  final Mirror<String> zones;
  final Mirror<GpuIntegration> integrators;
  final KeyValueStore<String, Long> sources;
  final KeyValueStore<String, Long> horizon;

  AttributionStore(final ProcessingContext context) {
    this.slots = new Mirror<>(context.getStateStore(SLOTS));
    this.parts = new Mirror<>(context.getStateStore(PARTS));
    this.models = new Mirror<>(context.getStateStore(MODELS));
    this.zones = new Mirror<>(context.getStateStore(ZONES));
    this.integrators = new Mirror<>(context.getStateStore(INTEGRATOR));
    this.sources = context.getStateStore(SOURCES);
    this.horizon = context.getStateStore(HORIZON);
  }

  static String slotKey(final String gpu, final long slotStartMillis) {
    return Keys.join(Keys.time(slotStartMillis), gpu);
  }

  static String partKey(final String gpu, final long startMillis, final String requestId) {
    return Keys.join(gpu, Keys.time(startMillis), requestId);
  }

  static String deadlineKey(final long lastSlotEndMillis, final String partKey) {
    return Keys.join(Keys.time(lastSlotEndMillis), partKey);
  }

  /** Stored parts of {@code gpu} whose request started before {@code beforeMillis}, in order. */
  List<KeyValue<String, RequestPart>> partsOf(final String gpu, final long beforeMillis) {
    final List<KeyValue<String, RequestPart>> found = new ArrayList<>();
    for (final Map.Entry<String, RequestPart> entry :
        parts.entries().subMap(gpu + Keys.SEPARATOR, true, gpu + "|~", false).entrySet()) {
      if (!entry.getValue().gpuUuid().equals(gpu)) {
        continue; // another GPU whose id extends this one's with the separator
      }
      if (entry.getValue().request().startMillis() >= beforeMillis) {
        break;
      }
      found.add(KeyValue.pair(entry.getKey(), entry.getValue()));
    }
    return found;
  }

  /** Keys of a time-ordered store, from its start while their leading time passes {@code due}. */
  static <V> List<KeyValue<String, V>> due(final Mirror<V> store, final Predicate<Long> due) {
    return due(store.entries(), due);
  }

  /** Keys of a time-ordered map, from its start while their leading time passes {@code due}. */
  static <V> List<KeyValue<String, V>> due(final Map<String, V> map, final Predicate<Long> due) {
    final List<KeyValue<String, V>> found = new ArrayList<>();
    for (final Map.Entry<String, V> entry : map.entrySet()) {
      if (!due.test(Keys.timeAt(entry.getKey(), 0))) {
        break;
      }
      found.add(KeyValue.pair(entry.getKey(), entry.getValue()));
    }
    return found;
  }
}
