package io.inferenceimpact.energy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Splits the measured energy of one (GPU, slot) among the requests that ran on that GPU in it, and
 * charges the rest as idle energy. A pure function of its inputs, so a slot can be recomputed at
 * any time and gives the same result whatever the order of the requests.
 *
 * <p>The rule. Attribution spreads the slot's energy E evenly over the slot's measured span {@code
 * [measuredStart, measuredEnd)} of length D (the whole slot when fully measured; exact while the
 * gap limit is at least the slot length, the default, since the measured time is then contiguous).
 *
 * <ol>
 *   <li>Active part: U = the union of the request intervals clipped to the span; active energy is
 *       {@code E × U / D}, split among the requests by weight: overlap time (TIME_OVERLAP) or
 *       overlap × tokens per ms of the request (TOKEN_WEIGHTED).
 *   <li>Idle part: {@code E − active}. Each uncovered stretch of the span gets {@code E × length /
 *       D} and is charged to the model served most recently before it: the request (overlapping the
 *       slot) with the latest end at or before the stretch start, else {@code previousModel}, else
 *       "unknown".
 *   <li>Rounding: requests and stretches are processed in a fixed order (request id, time) and the
 *       last of each group receives the remainder (clamped at 0), so {@code Σ shares + Σ idle == E}
 *       to a few ulps and no share is negative.
 * </ol>
 *
 * Duplicate request ids keep one deterministic entry. A request with zero overlap gets nothing.
 *
 * <p>Late requests (how the stream stage uses this): per (GPU, slot) it keeps, until the grace
 * period has passed, the {@link SlotEnergy}, the intervals of the requests overlapping the slot,
 * the previous model and the last emitted {@link SlotAttribution}. When a request arrives that
 * overlaps a kept slot, it recomputes {@link #attribute} with the extended list and emits {@link
 * AttributionDelta#between(SlotAttribution, SlotAttribution)} (old → new), then stores the new
 * attribution; if the slot's last served model changed, later kept slots of that GPU are recomputed
 * the same way. Downstream adds deltas, so the sum over a slot's deltas is always its latest split
 * and the invariant holds without double counting. After grace, the slot's state is dropped.
 */
public final class EnergyAttributor {

  private static final Comparator<ActiveRequest> CANONICAL =
      Comparator.comparing(ActiveRequest::requestId)
          .thenComparingLong(ActiveRequest::startMillis)
          .thenComparingLong(ActiveRequest::endMillis)
          .thenComparing(ActiveRequest::model)
          .thenComparingLong(ActiveRequest::tokens)
          .thenComparingInt(ActiveRequest::gpuCount);

  private EnergyAttributor() {}

  /** {@link #attribute(SlotEnergy, List, String, AttributionMode)} with no known previous model. */
  public static SlotAttribution attribute(
      final SlotEnergy slot, final List<ActiveRequest> requests, final AttributionMode mode) {
    return attribute(slot, requests, null, mode);
  }

  /**
   * Splits {@code slot}'s energy.
   *
   * @param previousModel the model the GPU served most recently before the slot started, or null
   */
  public static SlotAttribution attribute(
      final SlotEnergy slot,
      final List<ActiveRequest> requests,
      final String previousModel,
      final AttributionMode mode) {
    final List<ActiveRequest> inSlot = canonical(requests, slot);
    final String lastServed =
        inSlot.stream()
            .max(
                Comparator.comparingLong(ActiveRequest::endMillis)
                    .thenComparing(ActiveRequest::requestId, Comparator.reverseOrder()))
            .map(ActiveRequest::model)
            .orElse(previousModel == null ? SlotAttribution.UNKNOWN_MODEL : previousModel);
    final long spanStart = slot.measuredStartMillis();
    final long spanEnd = slot.measuredEndMillis();
    final long spanMillis = spanEnd - spanStart;
    final double energy = slot.energyJoules();
    final SortedMap<String, RequestEnergy> shares = new TreeMap<>();
    final SortedMap<String, Double> idle = new TreeMap<>();
    if (spanMillis == 0) {
      if (energy > 0) {
        idle.put(lastServed, energy);
      }
      return new SlotAttribution(
          slot.gpuId(), slot.slotStartMillis(), energy, shares, idle, lastServed);
    }
    final List<ActiveRequest> active = new ArrayList<>();
    for (final ActiveRequest request : inSlot) {
      if (request.overlapMillis(spanStart, spanEnd) > 0) {
        active.add(request);
      }
    }
    final List<long[]> uncovered = Coverage.uncoveredStretches(active, spanStart, spanEnd);
    long idleMillis = 0;
    for (final long[] stretch : uncovered) {
      idleMillis += stretch[1] - stretch[0];
    }
    final double activeJoules =
        idleMillis == 0
            ? energy
            : Math.min(energy, energy * (spanMillis - idleMillis) / spanMillis);
    final double idleJoules = Math.max(0.0, energy - activeJoules);
    splitActive(active, activeJoules, spanStart, spanEnd, mode, shares);
    double idleLeft = idleJoules;
    for (int i = 0; i < uncovered.size(); i++) {
      final long[] stretch = uncovered.get(i);
      final double piece =
          i == uncovered.size() - 1
              ? Math.max(0.0, idleLeft)
              : Math.min(idleLeft, energy * (stretch[1] - stretch[0]) / spanMillis);
      idleLeft -= piece;
      if (piece != 0.0) {
        idle.merge(modelServedBefore(inSlot, stretch[0], previousModel), piece, Double::sum);
      }
    }
    return new SlotAttribution(
        slot.gpuId(), slot.slotStartMillis(), energy, shares, idle, lastServed);
  }

  private static void splitActive(
      final List<ActiveRequest> active,
      final double activeJoules,
      final long spanStart,
      final long spanEnd,
      final AttributionMode mode,
      final SortedMap<String, RequestEnergy> shares) {
    final double[] weights = new double[active.size()];
    double totalWeight = 0.0;
    for (int i = 0; i < weights.length; i++) {
      final ActiveRequest request = active.get(i);
      final long overlap = request.overlapMillis(spanStart, spanEnd);
      weights[i] =
          mode == AttributionMode.TOKEN_WEIGHTED
              ? overlap * ((double) request.tokens() / request.durationMillis())
              : overlap;
      totalWeight += weights[i];
    }
    if (totalWeight == 0.0 && !active.isEmpty()) {
      splitActive(active, activeJoules, spanStart, spanEnd, AttributionMode.TIME_OVERLAP, shares);
      return;
    }
    int lastWeighted = -1;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        lastWeighted = i;
      }
    }
    double left = activeJoules;
    for (int i = 0; i <= lastWeighted; i++) {
      final double share =
          i == lastWeighted
              ? Math.max(0.0, left)
              : Math.min(left, activeJoules * (weights[i] / totalWeight));
      left -= share;
      if (share != 0.0) {
        final ActiveRequest request = active.get(i);
        shares.put(
            request.requestId(), new RequestEnergy(request.requestId(), request.model(), share));
      }
    }
  }

  /** Requests that overlap the slot, one per id, in canonical order. */
  private static List<ActiveRequest> canonical(
      final List<ActiveRequest> requests, final SlotEnergy slot) {
    final List<ActiveRequest> sorted = new ArrayList<>(requests);
    sorted.sort(CANONICAL);
    final List<ActiveRequest> result = new ArrayList<>();
    for (final ActiveRequest request : sorted) {
      final boolean duplicate =
          !result.isEmpty()
              && result.get(result.size() - 1).requestId().equals(request.requestId());
      if (!duplicate
          && request.endMillis() > slot.slotStartMillis()
          && request.startMillis() < slot.slotEndMillis()) {
        result.add(request);
      }
    }
    return result;
  }

  private static String modelServedBefore(
      final List<ActiveRequest> inSlot, final long timeMillis, final String previousModel) {
    ActiveRequest latest = null;
    for (final ActiveRequest request : inSlot) {
      if (request.endMillis() <= timeMillis
          && (latest == null || request.endMillis() > latest.endMillis())) {
        latest = request;
      }
    }
    if (latest != null) {
      return latest.model();
    }
    return previousModel == null ? SlotAttribution.UNKNOWN_MODEL : previousModel;
  }
}
