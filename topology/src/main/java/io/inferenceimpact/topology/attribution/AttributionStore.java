package io.inferenceimpact.topology.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The state of the attribution processor, in four persistent, changelogged stores. Every entry is
 * deleted once final, so the state holds at most a grace period of slots and requests.
 *
 * <ul>
 *   <li>{@value #SLOTS}: {@code slotStart|gpu} → slot waiting to become final (time-ordered);
 *   <li>{@value #PARTS}: {@code gpu|start|requestId} → the request's part on that GPU, filled as
 *       its slots become final (scanned per GPU);
 *   <li>{@value #DEADLINES}: {@code lastSlotEnd|gpu|start|requestId} → key in {@value #PARTS}
 *       (time-ordered: which parts are final);
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
  static final String DEADLINES = "attribution-request-deadlines-store";
  static final String MODELS = "attribution-gpu-models-store";
  static final String ZONES = "attribution-gpu-zones-store";
  static final String INTEGRATOR = "gpu-integrator-store";
  static final String SOURCES = "attribution-sources-store";
  static final String HORIZON = "attribution-horizon-store";

  final KeyValueStore<String, SlotArrival> slots;
  final KeyValueStore<String, RequestPart> parts;
  final KeyValueStore<String, String> deadlines;
  final KeyValueStore<String, String> models;
  final KeyValueStore<String, String> zones;
  final KeyValueStore<String, GpuIntegration> integrators;
  final KeyValueStore<String, Long> sources;
  final KeyValueStore<String, Long> horizon;

  AttributionStore(final ProcessingContext context) {
    this.slots = context.getStateStore(SLOTS);
    this.parts = context.getStateStore(PARTS);
    this.deadlines = context.getStateStore(DEADLINES);
    this.models = context.getStateStore(MODELS);
    this.zones = context.getStateStore(ZONES);
    this.integrators = context.getStateStore(INTEGRATOR);
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
    try (KeyValueIterator<String, RequestPart> it =
        parts.prefixScan(gpu + Keys.SEPARATOR, new StringSerializer())) {
      while (it.hasNext()) {
        final KeyValue<String, RequestPart> entry = it.next();
        if (!entry.value.gpuUuid().equals(gpu)) {
          continue; // another GPU whose id extends this one's with the separator
        }
        if (entry.value.request().startMillis() >= beforeMillis) {
          break;
        }
        found.add(entry);
      }
    }
    return found;
  }

  /** Keys of a time-ordered store, from its start while their leading time passes {@code due}. */
  static <V> List<KeyValue<String, V>> due(
      final KeyValueStore<String, V> store, final Predicate<Long> due) {
    final List<KeyValue<String, V>> found = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      while (it.hasNext()) {
        final KeyValue<String, V> entry = it.next();
        if (!due.test(Keys.timeAt(entry.key, 0))) {
          break;
        }
        found.add(entry);
      }
    }
    return found;
  }
}
