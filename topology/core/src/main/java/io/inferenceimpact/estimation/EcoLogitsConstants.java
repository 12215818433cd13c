package io.inferenceimpact.estimation;

/**
 * Constants of the EcoLogits LLM-inference method, in the units EcoLogits publishes them.
 *
 * <p>Source: genai-impact/ecologits {@code ecologits/impacts/llm.py} (v0.9 line, the version whose
 * data files we ship), cross-checked with docs/methodology/llm_inference.md (commit af96c0ff). The
 * doc rounds the fits (α 6.78e-4 etc. for latency); the code's full-precision values are used here.
 *
 * @param gpuEnergyAlpha α of f_E = α·e^(β·B)·P_active + γ, Wh per output token per billion params
 * @param gpuEnergyBeta β of f_E, per request of batch
 * @param gpuEnergyGamma γ of f_E, Wh per output token
 * @param latencyAlpha of f_L = α·P_active + β·B + γ, seconds per token per billion params
 * @param latencyBeta of f_L, seconds per token per request of batch
 * @param latencyGamma of f_L, seconds per token
 * @param batchSize B, requests served concurrently
 * @param gpuMemoryGb memory of one GPU (H100 80 GB)
 * @param memoryOverhead factor on the weights' size (1.2, EleutherAI "Transformer Math 101")
 * @param serverGpus GPUs installed in the reference server
 * @param serverPowerWatts server power without GPUs
 * @param serverEmbodied embodied footprint of the server without GPUs (AWS p5.48xlarge, Boavizta)
 * @param gpuEmbodied embodied footprint of one GPU
 * @param hardwareLifetimeSeconds lifetime ΔL of server and GPUs
 */
public record EcoLogitsConstants(
    double gpuEnergyAlpha,
    double gpuEnergyBeta,
    double gpuEnergyGamma,
    double latencyAlpha,
    double latencyBeta,
    double latencyGamma,
    int batchSize,
    double gpuMemoryGb,
    double memoryOverhead,
    int serverGpus,
    double serverPowerWatts,
    Footprint serverEmbodied,
    Footprint gpuEmbodied,
    double hardwareLifetimeSeconds) {

  /**
   * Embodied footprint of a piece of hardware.
   *
   * @param gwpKgCo2e global warming potential, kgCO2e
   * @param adpeKgSbEq abiotic depletion, kg antimony-equivalent
   * @param primaryEnergyMj primary energy, MJ
   */
  public record Footprint(double gwpKgCo2e, double adpeKgSbEq, double primaryEnergyMj) {}

  /**
   * llm.py v0.9: GPU_ENERGY_ALPHA 1.1665273170451914e-06, BETA -0.011205921025579175, GAMMA
   * 4.052928146734005e-05 (kWh after the code's /1000, i.e. Wh per token); LATENCY_ALPHA
   * 0.0006785088094353663, BETA 0.0003119310311688259, GAMMA 0.019473717579473387; BATCH_SIZE 64;
   * GPU_MEMORY 80; SERVER_GPUS 8; SERVER_POWER 1.2 kW; server embodied 5700 kgCO2e, 0.37 kgSbeq,
   * 70000 MJ; GPU (H100, NVIDIA PCF summary) 164 kgCO2e with A100 values 5.1e-3 kgSbeq and 1828 MJ;
   * HARDWARE_LIFESPAN 3 years of 365 days.
   */
  public static final EcoLogitsConstants V0_9 =
      new EcoLogitsConstants(
          1.1665273170451914e-06,
          -0.011205921025579175,
          4.052928146734005e-05,
          0.0006785088094353663,
          0.0003119310311688259,
          0.019473717579473387,
          64,
          80.0,
          1.2,
          8,
          1200.0,
          new Footprint(5700.0, 0.37, 70_000.0),
          new Footprint(164.0, 5.1e-3, 1828.0),
          3.0 * 365 * 24 * 60 * 60);
}
