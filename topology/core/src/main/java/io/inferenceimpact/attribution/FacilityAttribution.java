package io.inferenceimpact.attribution;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A (GPU, slot) attribution extended with server overhead and PUE: per request and per idle model,
 * GPU, server and facility joules. Conserves each layer: the request and idle parts of each layer
 * add up to that layer's slot total.
 *
 * @param gpuId GPU UUID
 * @param slotStartMillis slot start, epoch millis
 * @param gpuJoules measured GPU energy of the slot
 * @param serverJoules non-GPU server energy charged to this GPU for the slot
 * @param pue the PUE applied
 * @param requests request id → its breakdown
 * @param idleByModel model → idle breakdown
 */
public record FacilityAttribution(
    String gpuId,
    long slotStartMillis,
    double gpuJoules,
    double serverJoules,
    double pue,
    SortedMap<String, EnergyBreakdown> requests,
    SortedMap<String, EnergyBreakdown> idleByModel) {

  public FacilityAttribution {
    requests = Collections.unmodifiableSortedMap(new TreeMap<>(requests));
    idleByModel = Collections.unmodifiableSortedMap(new TreeMap<>(idleByModel));
  }

  /** The slot's facility energy for this GPU: {@code (gpu + server) × PUE}. */
  public double facilityJoules() {
    return (gpuJoules + serverJoules) * pue;
  }

  /** Sum of the facility energy of requests and idle models. */
  public double attributedFacilityJoules() {
    double sum = 0.0;
    for (final EnergyBreakdown breakdown : requests.values()) {
      sum += breakdown.facilityJoules();
    }
    for (final EnergyBreakdown breakdown : idleByModel.values()) {
      sum += breakdown.facilityJoules();
    }
    return sum;
  }
}
