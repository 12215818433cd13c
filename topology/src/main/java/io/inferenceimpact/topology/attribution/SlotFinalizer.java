package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.config.FleetSettings;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.energy.ActiveRequest;
import io.inferenceimpact.energy.AttributionMode;
import io.inferenceimpact.energy.EnergyAttributor;
import io.inferenceimpact.energy.EnergyBreakdown;
import io.inferenceimpact.energy.FacilityAttribution;
import io.inferenceimpact.energy.NodeOverhead;
import io.inferenceimpact.energy.OverheadModel;
import io.inferenceimpact.energy.SlotAttribution;
import io.inferenceimpact.energy.SlotEnergy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final split of one (GPU, slot): {@link EnergyAttributor} for the GPU energy, {@link
 * OverheadModel} for the node's server share and PUE (node from fleet config, unknown nodes get
 * {@code fleet.defaults}), then each overlapping request part gets its share, its measured time
 * (overlap with the slot's measured span) and its reserved time (overlap × busy / Σ overlaps).
 * Pure: no store, no Kafka.
 */
final class SlotFinalizer {

  /** The outcome: updated parts (same keys), idle energy per model, model to carry forward. */
  record Result(Map<String, RequestPart> parts, List<IdleEnergy> idle, String lastServedModel) {}

  private final FleetSettings fleet;
  private final AttributionMode mode;

  SlotFinalizer(final FleetSettings fleet, final AttributionMode mode) {
    this.fleet = fleet;
    this.mode = mode;
  }

  /**
   * @param overlapping key → part of every stored request of the GPU that overlaps the slot (one
   *     per request id)
   */
  Result finalize(
      final SlotArrival arrival,
      final Map<String, RequestPart> overlapping,
      final String previousModel) {
    final SlotEnergy slot = arrival.slot();
    final List<ActiveRequest> requests = new ArrayList<>();
    overlapping.values().forEach(part -> requests.add(part.request()));
    final SlotAttribution split = EnergyAttributor.attribute(slot, requests, previousModel, mode);
    final NodeSettings node = fleet.node(arrival.node());
    final FacilityAttribution facility =
        new OverheadModel(new NodeOverhead(node.serverOverheadWatts(), node.gpuCount(), node.pue()))
            .apply(slot, split);
    final long spanStart = slot.measuredStartMillis();
    final long spanEnd = slot.measuredEndMillis();
    long overlapSum = 0;
    for (final ActiveRequest request : requests) {
      overlapSum += request.overlapMillis(spanStart, spanEnd);
    }
    final long busyMillis = busyMillis(requests, spanStart, spanEnd);
    final Map<String, RequestPart> updated = new LinkedHashMap<>();
    for (final Map.Entry<String, RequestPart> entry : overlapping.entrySet()) {
      final ActiveRequest request = entry.getValue().request();
      final long overlap = request.overlapMillis(spanStart, spanEnd);
      final double reserved = overlapSum == 0 ? 0.0 : (double) overlap * busyMillis / overlapSum;
      final EnergyBreakdown share = facility.requests().get(request.requestId());
      updated.put(entry.getKey(), entry.getValue().plus(share, overlap, reserved));
    }
    final List<IdleEnergy> idle = new ArrayList<>();
    facility
        .idleByModel()
        .forEach(
            (model, joules) ->
                idle.add(
                    new IdleEnergy(
                        model,
                        slot.gpuId(),
                        arrival.node(),
                        slot.slotStartMillis(),
                        slot.slotEndMillis(),
                        joules.gpuJoules(),
                        joules.serverJoules(),
                        joules.facilityJoules())));
    return new Result(updated, idle, split.lastServedModel());
  }

  /** Length of the union of the request intervals clipped to {@code [from, to)}. */
  static long busyMillis(final List<ActiveRequest> requests, final long from, final long to) {
    final List<long[]> clipped = new ArrayList<>();
    for (final ActiveRequest r : requests) {
      final long start = Math.max(r.startMillis(), from);
      final long end = Math.min(r.endMillis(), to);
      if (end > start) {
        clipped.add(new long[] {start, end});
      }
    }
    clipped.sort(Comparator.comparingLong(interval -> interval[0]));
    long busy = 0;
    long cursor = from;
    for (final long[] interval : clipped) {
      final long start = Math.max(cursor, interval[0]);
      if (interval[1] > start) {
        busy += interval[1] - start;
        cursor = interval[1];
      }
    }
    return busy;
  }
}
