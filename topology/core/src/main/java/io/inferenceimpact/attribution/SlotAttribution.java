package io.inferenceimpact.attribution;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The split of one (GPU, slot)'s measured energy: a share per request and idle energy per model.
 * Invariant: {@code attributedJoules() + idleJoules() == slotEnergyJoules} to floating rounding.
 * Maps are sorted by key and hold only non-zero entries, so two attributions of the same inputs are
 * {@code equals}, whatever order the requests came in.
 *
 * @param gpuId GPU UUID
 * @param slotStartMillis slot start, epoch millis
 * @param slotEnergyJoules the measured energy that was split
 * @param requests request id → its share
 * @param idleJoulesByModel model → idle energy charged to it
 * @param lastServedModel the model the GPU served most recently at the slot's end (carry it to the
 *     next slot as its previous model); "unknown" if none yet
 */
public record SlotAttribution(
    String gpuId,
    long slotStartMillis,
    double slotEnergyJoules,
    SortedMap<String, RequestEnergy> requests,
    SortedMap<String, Double> idleJoulesByModel,
    String lastServedModel) {

  /** The model charged for idle energy when the GPU has not served anything yet. */
  public static final String UNKNOWN_MODEL = "unknown";

  public SlotAttribution {
    requests = Collections.unmodifiableSortedMap(new TreeMap<>(requests));
    idleJoulesByModel = Collections.unmodifiableSortedMap(new TreeMap<>(idleJoulesByModel));
  }

  /** Sum of the request shares. */
  public double attributedJoules() {
    double sum = 0.0;
    for (final RequestEnergy share : requests.values()) {
      sum += share.energyJoules();
    }
    return sum;
  }

  public double idleJoules() {
    double sum = 0.0;
    for (final double joules : idleJoulesByModel.values()) {
      sum += joules;
    }
    return sum;
  }

  /** Request shares summed per model (idle not included). */
  public Map<String, Double> attributedJoulesByModel() {
    final Map<String, Double> byModel = new TreeMap<>();
    for (final RequestEnergy share : requests.values()) {
      byModel.merge(share.model(), share.energyJoules(), Double::sum);
    }
    return byModel;
  }

  /** This attribution with a delta applied: entries that reach exactly zero disappear. */
  public SlotAttribution apply(final AttributionDelta delta) {
    if (!delta.gpuId().equals(gpuId) || delta.slotStartMillis() != slotStartMillis) {
      throw new IllegalArgumentException("delta belongs to another (GPU, slot)");
    }
    final Map<String, RequestEnergy> newRequests = new HashMap<>(requests);
    for (final RequestEnergy change : delta.requestDeltas().values()) {
      final RequestEnergy before = newRequests.get(change.requestId());
      final double joules = (before == null ? 0.0 : before.energyJoules()) + change.energyJoules();
      if (joules == 0.0) {
        newRequests.remove(change.requestId());
      } else {
        newRequests.put(
            change.requestId(), new RequestEnergy(change.requestId(), change.model(), joules));
      }
    }
    final Map<String, Double> newIdle = new HashMap<>(idleJoulesByModel);
    delta
        .idleDeltaJoulesByModel()
        .forEach(
            (model, change) -> {
              final double joules = newIdle.getOrDefault(model, 0.0) + change;
              if (joules == 0.0) {
                newIdle.remove(model);
              } else {
                newIdle.put(model, joules);
              }
            });
    return new SlotAttribution(
        gpuId,
        slotStartMillis,
        slotEnergyJoules,
        new TreeMap<>(newRequests),
        new TreeMap<>(newIdle),
        delta.lastServedModel());
  }
}
