package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.attribution.ActiveRequest;
import io.inferenceimpact.attribution.AttributionMode;
import io.inferenceimpact.attribution.EnergyAttributor;
import io.inferenceimpact.attribution.EnergyBreakdown;
import io.inferenceimpact.attribution.FacilityAttribution;
import io.inferenceimpact.attribution.NodeOverhead;
import io.inferenceimpact.attribution.OverheadModel;
import io.inferenceimpact.attribution.SlotAttribution;
import io.inferenceimpact.attribution.SlotEnergy;
import io.inferenceimpact.config.FleetSettings;
import io.inferenceimpact.config.NodeSettings;
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
  /**
   * @param lastRequestZone the zone named by the latest-ending request of the slot (null: no
   *     request in the slot, or it named none)
   */
  record Result(
      Map<String, RequestPart> parts,
      List<IdleEnergy> idle,
      String lastServedModel,
      String lastRequestZone) {}

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
      final String previousModel,
      final String previousZone) {
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
    final Map<String, String> zoneByModel = latestZoneByModel(overlapping.values());
    final long idleMillis = Math.max(0, spanEnd - spanStart - busyMillis);
    final double idleGpuJoules = split.idleJoules();
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
                        joules.facilityJoules(),
                        idleMillisOf(model, joules.gpuJoules(), idleGpuJoules, idleMillis, split),
                        zoneByModel.getOrDefault(model, previousZone))));
    return new Result(
        updated, idle, split.lastServedModel(), zoneByModel.get(split.lastServedModel()));
  }

  /**
   * The slot's idle time charged to one idle model: in proportion to its idle GPU energy, or, with
   * no idle GPU energy at all, all of it to the model the GPU served last.
   */
  private static double idleMillisOf(
      final String model,
      final double modelIdleGpuJoules,
      final double idleGpuJoules,
      final long idleMillis,
      final SlotAttribution split) {
    if (idleGpuJoules > 0) {
      return idleMillis * (modelIdleGpuJoules / idleGpuJoules);
    }
    return model.equals(split.lastServedModel()) ? idleMillis : 0.0;
  }

  /**
   * Per model, the zone named by its latest-ending request among {@code parts} (ties: the greater
   * request id); models whose latest request names no zone are left out. One decode per model.
   */
  static Map<String, String> latestZoneByModel(final Iterable<RequestPart> parts) {
    final Map<String, RequestPart> latest = new LinkedHashMap<>();
    for (final RequestPart part : parts) {
      latest.merge(
          part.request().model(),
          part,
          (a, b) -> LATEST.compare(a.request(), b.request()) >= 0 ? a : b);
    }
    final Map<String, String> zones = new LinkedHashMap<>();
    latest.forEach(
        (model, part) -> {
          final String zone = RequestOnGpu.decode(part.requestAvro()).getZone();
          if (zone != null && !zone.isBlank()) {
            zones.put(model, zone);
          }
        });
    return zones;
  }

  private static final Comparator<ActiveRequest> LATEST =
      Comparator.comparingLong(ActiveRequest::endMillis).thenComparing(ActiveRequest::requestId);

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
