package io.inferenceimpact.topology.attribution;

/**
 * Final idle energy of one (model, GPU, slot): energy the GPU drew while no request ran, charged to
 * the model it served most recently. Keyed by model on the {@code idleEnergy} stream.
 *
 * @param model the model charged
 * @param gpuUuid the GPU
 * @param node the GPU's node
 * @param slotStartMillis slot start, epoch millis
 * @param slotEndMillis slot end, epoch millis
 * @param gpuJoules idle GPU energy
 * @param serverJoules idle share of the non-GPU server energy
 * @param facilityJoules {@code (gpu + server) × PUE}
 */
public record IdleEnergy(
    String model,
    String gpuUuid,
    String node,
    long slotStartMillis,
    long slotEndMillis,
    double gpuJoules,
    double serverJoules,
    double facilityJoules) {}
