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
 * @param idleMillis GPU time of the slot's measured span in which no request ran, charged to {@code
 *     model} (the slot's idle time split over its idle models in proportion to their idle GPU
 *     energy; one model per slot is the rule, and then it is exact): idle time's embodied share
 * @param requestZone the zone named by the latest request of {@code model} on the GPU (null: none
 *     named one): the idle energy's zone where fleet config does not place the node ({@code
 *     config.Zones}), so that it lands in the zone row of the requests it waited for
 */
public record IdleEnergy(
    String model,
    String gpuUuid,
    String node,
    long slotStartMillis,
    long slotEndMillis,
    double gpuJoules,
    double serverJoules,
    double facilityJoules,
    double idleMillis,
    String requestZone) {}
