package io.inferenceimpact.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Splits the measured energy of one (GPU, slot) among the requests that ran on that GPU in it, and
 * charges the rest as idle energy. A pure function of its inputs, so a slot can be recomputed at
 * any time and gives the same result whatever the order of the requests.
 *
 * <p>The rule: at every instant, the GPU's power is shared by the requests running at that instant;
 * instants with none are idle. It is applied at the resolution of the telemetry, one measured piece
 * of the slot (a sample interval clipped to the slot, see {@link SlotEnergy.Piece}) at a time:
 *
 * <ol>
 *   <li>Sweep line: the request starts and ends inside the piece cut it into elementary segments;
 *       in each, the same requests run throughout. A segment {@code [a, b)} holds the piece's
 *       energy along its linear power shape: {@code E_piece × ∫_a^b p / ∫_piece p}, with p the line
 *       between the powers at the piece's ends (evenly by time when both are 0). A request runs in
 *       {@code [a, b)} when {@code start < b} and {@code end > a}; a request of zero length never
 *       runs.
 *   <li>Shares: the segment's energy goes to the requests running in it, equally (TIME_OVERLAP) or
 *       in proportion to each request's token rate, tokens / its duration (TOKEN_WEIGHTED; equally
 *       in a segment where every running request reports zero tokens). A request's share of the
 *       slot is the sum over the segments.
 *   <li>Idle: a segment with no request is idle, charged to the model served most recently before
 *       it: the request (overlapping the slot) with the latest end at or before the segment start
 *       (the smallest id among ties), else {@code previousModel}, else "unknown". Unmeasured time
 *       (no piece) carries no energy and is neither shared nor idle.
 *   <li>Rounding: segments, requests and models are processed in a fixed order (time, request id);
 *       the last segment of a piece and the last request of a segment receive the remainder
 *       (clamped at 0), and finally the largest entry absorbs the difference between the slot's
 *       energy and the sum of all entries, so {@code Σ shares + Σ idle == E} to a few ulps and no
 *       share is negative.
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
    final double energy = slot.energyJoules();
    final double[] shareJoules = new double[inSlot.size()];
    final SortedMap<String, Double> idle = new TreeMap<>();
    if (slot.pieceCount() == 0) {
      if (energy > 0) {
        idle.put(lastServed, energy);
      }
    } else {
      for (int i = 0; i < slot.pieceCount(); i++) {
        sweep(slot.piece(i), inSlot, previousModel, mode, shareJoules, idle);
      }
    }
    final SortedMap<String, RequestEnergy> shares = new TreeMap<>();
    for (int i = 0; i < shareJoules.length; i++) {
      if (shareJoules[i] > 0) {
        final ActiveRequest request = inSlot.get(i);
        shares.put(
            request.requestId(),
            new RequestEnergy(request.requestId(), request.model(), shareJoules[i]));
      }
    }
    balance(energy, shares, idle);
    return new SlotAttribution(
        slot.gpuId(), slot.slotStartMillis(), energy, shares, idle, lastServed);
  }

  /** Shares one piece's energy segment by segment between consecutive request boundaries. */
  private static void sweep(
      final SlotEnergy.Piece piece,
      final List<ActiveRequest> inSlot,
      final String previousModel,
      final AttributionMode mode,
      final double[] shareJoules,
      final SortedMap<String, Double> idle) {
    final long[] cuts = boundaries(piece, inSlot);
    final int[] running = new int[inSlot.size()];
    double pieceLeft = piece.joules();
    for (int k = 0; k + 1 < cuts.length; k++) {
      final long from = cuts[k];
      final long to = cuts[k + 1];
      final double segment =
          k + 2 == cuts.length
              ? Math.max(0.0, pieceLeft)
              : Math.min(pieceLeft, piece.joulesBetween(from, to));
      pieceLeft -= segment;
      int count = 0;
      for (int i = 0; i < inSlot.size(); i++) {
        final ActiveRequest request = inSlot.get(i);
        if (request.startMillis() < to && request.endMillis() > from) {
          running[count++] = i;
        }
      }
      if (count == 0) {
        if (segment != 0.0) {
          idle.merge(modelServedBefore(inSlot, from, previousModel), segment, Double::sum);
        }
      } else {
        share(segment, inSlot, running, count, mode, shareJoules);
      }
    }
  }

  /** The piece's ends and every request start or end strictly inside it, sorted, distinct. */
  private static long[] boundaries(final SlotEnergy.Piece piece, final List<ActiveRequest> inSlot) {
    final long start = piece.startMillis();
    final long end = piece.endMillis();
    final long[] cuts = new long[2 + 2 * inSlot.size()];
    int size = 0;
    cuts[size++] = start;
    cuts[size++] = end;
    for (final ActiveRequest request : inSlot) {
      if (request.startMillis() > start && request.startMillis() < end) {
        cuts[size++] = request.startMillis();
      }
      if (request.endMillis() > start && request.endMillis() < end) {
        cuts[size++] = request.endMillis();
      }
    }
    Arrays.sort(cuts, 0, size);
    int distinct = 0;
    for (int i = 0; i < size; i++) {
      if (distinct == 0 || cuts[i] != cuts[distinct - 1]) {
        cuts[distinct++] = cuts[i];
      }
    }
    return Arrays.copyOf(cuts, distinct);
  }

  /** Splits one segment's energy among the {@code count} requests running in it. */
  private static void share(
      final double joules,
      final List<ActiveRequest> inSlot,
      final int[] running,
      final int count,
      final AttributionMode mode,
      final double[] shareJoules) {
    final double[] weights = new double[count];
    double totalWeight = 0.0;
    if (mode == AttributionMode.TOKEN_WEIGHTED) {
      for (int j = 0; j < count; j++) {
        final ActiveRequest request = inSlot.get(running[j]);
        weights[j] = (double) request.tokens() / request.durationMillis();
        totalWeight += weights[j];
      }
    }
    if (!(totalWeight > 0)) {
      Arrays.fill(weights, 1.0);
      totalWeight = count;
    }
    int lastWeighted = -1;
    for (int j = 0; j < count; j++) {
      if (weights[j] > 0) {
        lastWeighted = j;
      }
    }
    double left = joules;
    for (int j = 0; j <= lastWeighted; j++) {
      final double part =
          j == lastWeighted
              ? Math.max(0.0, left)
              : Math.min(left, joules * (weights[j] / totalWeight));
      left -= part;
      shareJoules[running[j]] += part;
    }
  }

  /**
   * Makes the entries add up to {@code energy}: the largest entry (the first among equals, requests
   * before idle) absorbs the rounding difference, clamped at 0.
   */
  private static void balance(
      final double energy,
      final SortedMap<String, RequestEnergy> shares,
      final SortedMap<String, Double> idle) {
    double sum = 0.0;
    String largestRequest = null;
    double largest = 0.0;
    for (final RequestEnergy share : shares.values()) {
      sum += share.energyJoules();
      if (share.energyJoules() > largest) {
        largest = share.energyJoules();
        largestRequest = share.requestId();
      }
    }
    String largestModel = null;
    for (final Map.Entry<String, Double> entry : idle.entrySet()) {
      sum += entry.getValue();
      if (entry.getValue() > largest) {
        largest = entry.getValue();
        largestModel = entry.getKey();
      }
    }
    final double difference = energy - sum;
    if (difference == 0.0 || largest == 0.0) {
      return;
    }
    final double adjusted = Math.max(0.0, largest + difference);
    if (largestModel != null) {
      if (adjusted == 0.0) {
        idle.remove(largestModel);
      } else {
        idle.put(largestModel, adjusted);
      }
    } else {
      final RequestEnergy share = shares.get(largestRequest);
      if (adjusted == 0.0) {
        shares.remove(largestRequest);
      } else {
        shares.put(largestRequest, new RequestEnergy(largestRequest, share.model(), adjusted));
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
