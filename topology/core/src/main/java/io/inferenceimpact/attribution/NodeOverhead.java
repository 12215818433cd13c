package io.inferenceimpact.attribution;

/**
 * What fleet config says about one node's energy beyond its GPUs.
 *
 * @param serverPowerWatts non-GPU server power (CPU, DRAM, NICs, fans), watts; e.g. the EcoLogits
 *     method assumes 1.2 kW for an 8-GPU server (genai-impact/ecologits)
 * @param gpusPerNode GPUs in the node; the server power is split equally among them
 * @param pue datacenter power usage effectiveness, {@code >= 1}
 */
public record NodeOverhead(double serverPowerWatts, int gpusPerNode, double pue) {

  public NodeOverhead {
    if (!(serverPowerWatts >= 0) || Double.isInfinite(serverPowerWatts)) {
      throw new IllegalArgumentException(
          "serverPowerWatts must be finite and >= 0: " + serverPowerWatts);
    }
    if (gpusPerNode < 1) {
      throw new IllegalArgumentException("gpusPerNode must be >= 1: " + gpusPerNode);
    }
    if (!(pue >= 1.0) || Double.isInfinite(pue)) {
      throw new IllegalArgumentException("pue must be finite and >= 1: " + pue);
    }
  }

  /** Non-GPU server power charged to one GPU of the node, watts. */
  public double serverPowerPerGpuWatts() {
    return serverPowerWatts / gpusPerNode;
  }
}
