package io.inferenceimpact.attribution;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The change from one attribution of a (GPU, slot) to a newer one (after a late request arrived):
 * per request and per idle model, the joules to add downstream. Adding every delta ever emitted for
 * a slot gives exactly its latest attribution, so corrections never double count, and the deltas of
 * one recomputation sum to zero (the slot's energy does not change, only its split).
 *
 * @param gpuId GPU UUID
 * @param slotStartMillis slot start, epoch millis
 * @param requestDeltas request id → change of its share (model from the newer side, or the older
 *     side for a request that disappeared); only non-zero changes
 * @param idleDeltaJoulesByModel model → change of its idle energy; only non-zero changes
 * @param lastServedModel the newer attribution's last served model
 */
public record AttributionDelta(
    String gpuId,
    long slotStartMillis,
    SortedMap<String, RequestEnergy> requestDeltas,
    SortedMap<String, Double> idleDeltaJoulesByModel,
    String lastServedModel) {

  public AttributionDelta {
    requestDeltas = Collections.unmodifiableSortedMap(new TreeMap<>(requestDeltas));
    idleDeltaJoulesByModel =
        Collections.unmodifiableSortedMap(new TreeMap<>(idleDeltaJoulesByModel));
  }

  /**
   * What to add to {@code older} to get {@code newer}. {@code older} may be {@code null} (the
   * slot's first attribution): the delta is then the whole of {@code newer}.
   */
  public static AttributionDelta between(final SlotAttribution older, final SlotAttribution newer) {
    if (older != null
        && (!older.gpuId().equals(newer.gpuId())
            || older.slotStartMillis() != newer.slotStartMillis())) {
      throw new IllegalArgumentException("attributions of different (GPU, slot) pairs");
    }
    final Map<String, RequestEnergy> before = older == null ? Map.of() : older.requests();
    final Map<String, Double> idleBefore = older == null ? Map.of() : older.idleJoulesByModel();
    final SortedMap<String, RequestEnergy> requestDeltas = new TreeMap<>();
    for (final RequestEnergy now : newer.requests().values()) {
      final RequestEnergy then = before.get(now.requestId());
      final double change = now.energyJoules() - (then == null ? 0.0 : then.energyJoules());
      if (change != 0.0) {
        requestDeltas.put(now.requestId(), new RequestEnergy(now.requestId(), now.model(), change));
      }
    }
    for (final RequestEnergy then : before.values()) {
      if (!newer.requests().containsKey(then.requestId())) {
        requestDeltas.put(
            then.requestId(),
            new RequestEnergy(then.requestId(), then.model(), -then.energyJoules()));
      }
    }
    final SortedMap<String, Double> idleDeltas = new TreeMap<>();
    newer
        .idleJoulesByModel()
        .forEach(
            (model, joules) -> {
              final double change = joules - idleBefore.getOrDefault(model, 0.0);
              if (change != 0.0) {
                idleDeltas.put(model, change);
              }
            });
    idleBefore.forEach(
        (model, joules) -> {
          if (!newer.idleJoulesByModel().containsKey(model)) {
            idleDeltas.put(model, -joules);
          }
        });
    return new AttributionDelta(
        newer.gpuId(), newer.slotStartMillis(), requestDeltas, idleDeltas, newer.lastServedModel());
  }

  /** Whether nothing changed (no correction to emit). */
  public boolean isEmpty() {
    return requestDeltas.isEmpty() && idleDeltaJoulesByModel.isEmpty();
  }
}
