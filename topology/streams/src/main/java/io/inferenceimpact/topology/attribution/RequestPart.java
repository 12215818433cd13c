package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.attribution.ActiveRequest;
import io.inferenceimpact.attribution.EnergyBreakdown;

/**
 * One request's energy on one GPU: accumulated while the request's slots become final (store {@code
 * attribution-requests-store}), then sent once to the per-request aggregation (topic {@code
 * request-energy-by-request}).
 *
 * @param gpuUuid the GPU
 * @param request the request's interval, model and GPU count
 * @param requestAvro the whole request, Avro single-object bytes
 * @param gpuJoules GPU energy attributed so far
 * @param serverJoules non-GPU server energy attributed so far
 * @param facilityJoules {@code (gpu + server) × PUE} attributed so far
 * @param measuredMillis time of the request covered by measured slot time on this GPU
 * @param reservedMillis the request's share of the GPU's busy time: in each slot, its overlap ×
 *     (busy time / Σ overlaps of all requests), so concurrent requests share the GPU's time
 * @param late true when the request arrived after every one of its slots on this GPU was final
 */
public record RequestPart(
    String gpuUuid,
    ActiveRequest request,
    byte[] requestAvro,
    double gpuJoules,
    double serverJoules,
    double facilityJoules,
    long measuredMillis,
    double reservedMillis,
    boolean late) {

  static RequestPart start(final RequestOnGpu copy, final boolean late) {
    return new RequestPart(
        copy.gpuUuid(), copy.request(), copy.requestAvro(), 0.0, 0.0, 0.0, 0, 0.0, late);
  }

  /** This part plus one slot's contribution ({@code share} may be null: no energy). */
  RequestPart plus(
      final EnergyBreakdown share, final long measuredMillisInSlot, final double reservedInSlot) {
    return new RequestPart(
        gpuUuid,
        request,
        requestAvro,
        gpuJoules + (share == null ? 0.0 : share.gpuJoules()),
        serverJoules + (share == null ? 0.0 : share.serverJoules()),
        facilityJoules + (share == null ? 0.0 : share.facilityJoules()),
        measuredMillis + measuredMillisInSlot,
        reservedMillis + reservedInSlot,
        late);
  }

  /** Time of the request on this GPU that no measured slot covered (estimate it instead). */
  public long unmeasuredMillis() {
    return request.durationMillis() - measuredMillis;
  }
}
