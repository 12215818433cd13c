package io.inferenceimpact.simulate;

/**
 * The GPU models of the simulated fleet, with their idle power and power limit.
 *
 * <p>Sources: idle ≈126 W and the 700 W limit were measured on one NVIDIA H200 by this project
 * (topology/core/src/test/resources/gpu/SOURCES.md: idle 125–130 W, sustained load ≈501 W, limit
 * 700 W). The H100 SXM shares the board and the 700 W limit (NVIDIA H100 datasheet); its idle power
 * is taken as the H200's measured value, an assumption stated here.
 */
public enum GpuType {
  H100("NVIDIA H100 80GB HBM3", 126.0, 700.0, 80L << 30),
  H200("NVIDIA H200", 126.0, 700.0, 141L << 30);

  private final String modelName;
  private final double idleWatts;
  private final double limitWatts;
  private final long memoryBytes;

  GpuType(
      final String modelName,
      final double idleWatts,
      final double limitWatts,
      final long memoryBytes) {
    this.modelName = modelName;
    this.idleWatts = idleWatts;
    this.limitWatts = limitWatts;
    this.memoryBytes = memoryBytes;
  }

  /** The name DCGM reports as modelName. */
  public String modelName() {
    return modelName;
  }

  public double idleWatts() {
    return idleWatts;
  }

  public double limitWatts() {
    return limitWatts;
  }

  public long memoryBytes() {
    return memoryBytes;
  }
}
