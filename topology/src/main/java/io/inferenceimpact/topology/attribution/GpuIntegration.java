package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.energy.IntegratorState;

/**
 * Store value of {@code gpu-integrator-store}: the integrator's state of one GPU, its node, and
 * when (wall clock) its last sample arrived, which tells the punctuator that a GPU went quiet.
 *
 * @param state the integrator's state
 * @param node the node of the GPU's latest sample
 * @param lastArrivalWallMillis wall-clock time the last sample was processed
 */
public record GpuIntegration(IntegratorState state, String node, long lastArrivalWallMillis) {}
