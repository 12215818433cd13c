package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.attribution.SlotEnergy;

/**
 * A completed slot of one GPU, with the node the GPU is in (for server overhead and PUE).
 *
 * @param slot measured energy of the slot
 * @param node node of the GPU, as its samples report it
 */
public record SlotArrival(SlotEnergy slot, String node) {}
