package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.avro.InferenceRequest;
import java.util.List;

/**
 * The measured energy of one request summed over all its GPUs: the per-request result of the
 * attribution stage, keyed by request id. Also what the estimation stage needs for the part of a
 * request that no measurement covered ({@link #unmeasuredGpuMillis}).
 *
 * @param requestId request id
 * @param requestAvro the whole request, Avro single-object bytes ({@link #request()})
 * @param gpuUuids the GPUs whose parts were summed, sorted
 * @param gpuJoules GPU energy over all GPUs
 * @param serverJoules non-GPU server energy over all GPUs
 * @param facilityJoules {@code (gpu + server) × PUE} over all GPUs
 * @param reservedGpuMillis Σ over GPUs of the request's share of the GPU's busy time
 * @param unmeasuredGpuMillis Σ over GPUs of the request's time no measured slot covered
 * @param lateGpus GPUs on which the request arrived after all its slots were final
 */
public record MeasuredRequestEnergy(
    String requestId,
    byte[] requestAvro,
    List<String> gpuUuids,
    double gpuJoules,
    double serverJoules,
    double facilityJoules,
    double reservedGpuMillis,
    long unmeasuredGpuMillis,
    int lateGpus) {

  public InferenceRequest request() {
    return RequestOnGpu.decode(requestAvro);
  }

  /** Late on every GPU: nothing could be attributed (the request goes to the DLQ). */
  public boolean allLate() {
    return lateGpus == gpuUuids.size();
  }

  static MeasuredRequestEnergy first(final RequestPart part) {
    return new MeasuredRequestEnergy(
        part.request().requestId(),
        part.requestAvro(),
        List.of(part.gpuUuid()),
        part.gpuJoules(),
        part.serverJoules(),
        part.facilityJoules(),
        part.reservedMillis(),
        part.unmeasuredMillis(),
        part.late() ? 1 : 0);
  }

  /** This sum plus another GPU's part. */
  MeasuredRequestEnergy plus(final RequestPart part) {
    final List<String> gpus = new java.util.ArrayList<>(gpuUuids);
    gpus.add(part.gpuUuid());
    gpus.sort(null);
    return new MeasuredRequestEnergy(
        requestId,
        requestAvro,
        List.copyOf(gpus),
        gpuJoules + part.gpuJoules(),
        serverJoules + part.serverJoules(),
        facilityJoules + part.facilityJoules(),
        reservedGpuMillis + part.reservedMillis(),
        unmeasuredGpuMillis + part.unmeasuredMillis(),
        lateGpus + (part.late() ? 1 : 0));
  }
}
