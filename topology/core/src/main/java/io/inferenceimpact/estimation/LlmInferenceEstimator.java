package io.inferenceimpact.estimation;

import io.inferenceimpact.avro.ImpactMethod;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The EcoLogits LLM-inference method for one request (genai-impact/ecologits,
 * ecologits/impacts/llm.py, v0.9 line; docs/methodology/llm_inference.md):
 *
 * <ul>
 *   <li>GPU energy of ONE GPU: E_GPU = T_out × f_E, f_E = α·e^(β·B)·P_active + γ (Wh per token;
 *       llm.py {@code gpu_energy} "energy consumption of a single GPU"); the request is charged n ×
 *       E_GPU ({@code request_energy}).
 *   <li>Generation time ΔT = min(T_out × f_L, measured latency), f_L = α·P_active + β·B + γ.
 *   <li>GPUs n = 2^⌈log2⌈1.2 × P_total × Q/8 / 80 GB⌉⌉.
 *   <li>Server share E_server = ΔT × 1.2 kW × (n/8) / B; facility energy = PUE × (E_server + n ×
 *       E_GPU).
 *   <li>Embodied share = ΔT / (B × ΔL) × ((n/8) × server + n × GPU).
 *   <li>Water = IT energy × (WUE on-site + PUE × WUE of electricity), as the methodology page
 *       writes it, i.e. on-site WUE × IT energy + off-site water intensity × facility energy (the
 *       v0.9 code multiplied the facility energy instead, charging PUE twice on-site).
 * </ul>
 *
 * A size range is computed at both ends (min with min, max with max, as llm.py {@code
 * compute_llm_impacts} does) and the central value is their mean. Units: joules, seconds and grams
 * inside; EcoLogits' Wh, kW and kg only where the constants enter.
 */
public final class LlmInferenceEstimator {

  public static final String TASK = "text-generation";
  private static final double JOULES_PER_WH = 3600.0;
  private static final double JOULES_PER_KWH = 3.6e6;
  private final EcoLogitsConstants c;

  public LlmInferenceEstimator(final EcoLogitsConstants constants) {
    this.c = Objects.requireNonNull(constants, "constants");
  }

  public LlmInferenceEstimator() {
    this(EcoLogitsConstants.V0_9);
  }

  /** Estimates the request for the looked-up model, datacenter and electricity mix. */
  public Estimate estimate(
      final CatalogLookup lookup,
      final LlmRequest request,
      final DatacenterProfile datacenter,
      final ElectricityMix mix) {
    final ModelEntry m = lookup.entry();
    final Point low =
        point(
            m.activeParams().minBillions(),
            m.totalParams().minBillions(),
            m,
            request,
            datacenter,
            mix);
    final Point high =
        point(
            m.activeParams().maxBillions(),
            m.totalParams().maxBillions(),
            m,
            request,
            datacenter,
            mix);
    final Set<EstimateFlag> flags = EnumSet.noneOf(EstimateFlag.class);
    if (!lookup.known()) {
      flags.add(EstimateFlag.UNKNOWN_MODEL);
    }
    if (m.activeParams().isRange() || m.totalParams().isRange()) {
      flags.add(EstimateFlag.PARAMETER_RANGE);
    }
    if (request.outputTokens() == 0) {
      flags.add(EstimateFlag.NO_OUTPUT_TOKENS);
    }
    if (request.measuredLatencySeconds().isEmpty()) {
      flags.add(EstimateFlag.NO_MEASURED_LATENCY);
    } else if (low.latencyBounded || high.latencyBounded) {
      flags.add(EstimateFlag.LATENCY_BOUNDED);
    }
    return new Estimate(
        ImpactMethod.ESTIMATED,
        TASK,
        lookup.requestedName(),
        m,
        lookup.known(),
        flags,
        low.gpus,
        high.gpus,
        Bounds.between(low.seconds, high.seconds),
        Bounds.between(low.gpuJoules, high.gpuJoules),
        Bounds.between(low.serverJoules, high.serverJoules),
        Bounds.between(low.facilityJoules(datacenter), high.facilityJoules(datacenter)),
        datacenter.pue(),
        mix.gwpGramsPerKwh(),
        Bounds.between(
            low.operationalGrams(datacenter, mix), high.operationalGrams(datacenter, mix)),
        Bounds.between(low.embodied.gwpKgCo2e() * 1000, high.embodied.gwpKgCo2e() * 1000),
        Bounds.between(low.waterLitres(datacenter, mix), high.waterLitres(datacenter, mix)),
        Bounds.between(low.onsiteWaterLitres(datacenter), high.onsiteWaterLitres(datacenter)),
        Bounds.between(
            low.offsiteWaterLitres(datacenter, mix), high.offsiteWaterLitres(datacenter, mix)),
        Bounds.between(low.adpe(datacenter, mix), high.adpe(datacenter, mix)),
        Bounds.between(low.primaryMj(datacenter, mix), high.primaryMj(datacenter, mix)));
  }

  /** GPUs to hold the weights: ⌈1.2 × P × Q/8 / memory⌉ rounded up to a power of two. */
  public int gpuCount(final double totalParamsBillions, final int quantizationBits) {
    final double memoryGb = c.memoryOverhead() * totalParamsBillions * quantizationBits / 8.0;
    final int needed = (int) Math.max(1, Math.ceil(memoryGb / c.gpuMemoryGb()));
    return Integer.bitCount(needed) == 1 ? needed : Integer.highestOneBit(needed) << 1;
  }

  /** f_E × 3600: energy of one GPU per output token, joules. */
  public double gpuJoulesPerToken(final double activeParamsBillions) {
    final double whPerToken =
        c.gpuEnergyAlpha() * Math.exp(c.gpuEnergyBeta() * c.batchSize()) * activeParamsBillions
            + c.gpuEnergyGamma();
    return whPerToken * JOULES_PER_WH;
  }

  /** f_L: generation time per output token, seconds. */
  public double secondsPerToken(final double activeParamsBillions) {
    return c.latencyAlpha() * activeParamsBillions
        + c.latencyBeta() * c.batchSize()
        + c.latencyGamma();
  }

  private Point point(
      final double active,
      final double total,
      final ModelEntry m,
      final LlmRequest request,
      final DatacenterProfile dc,
      final ElectricityMix mix) {
    final int gpus = gpuCount(total, m.quantizationBits());
    final double modelled = request.outputTokens() * secondsPerToken(active);
    final double measured = request.measuredLatencySeconds().orElse(Double.POSITIVE_INFINITY);
    final double seconds = Math.min(modelled, measured);
    final double gpuJoules = gpus * request.outputTokens() * gpuJoulesPerToken(active);
    final double serverShare = (double) gpus / c.serverGpus();
    final double serverJoules = seconds * c.serverPowerWatts() * serverShare / c.batchSize();
    final double timeShare = seconds / (c.batchSize() * c.hardwareLifetimeSeconds());
    final EcoLogitsConstants.Footprint s = c.serverEmbodied();
    final EcoLogitsConstants.Footprint g = c.gpuEmbodied();
    final EcoLogitsConstants.Footprint embodied =
        new EcoLogitsConstants.Footprint(
            timeShare * (serverShare * s.gwpKgCo2e() + gpus * g.gwpKgCo2e()),
            timeShare * (serverShare * s.adpeKgSbEq() + gpus * g.adpeKgSbEq()),
            timeShare * (serverShare * s.primaryEnergyMj() + gpus * g.primaryEnergyMj()));
    return new Point(gpus, seconds, measured < modelled, gpuJoules, serverJoules, embodied);
  }

  /** The method evaluated at one end of the model's size. */
  private record Point(
      int gpus,
      double seconds,
      boolean latencyBounded,
      double gpuJoules,
      double serverJoules,
      EcoLogitsConstants.Footprint embodied) {

    double facilityJoules(final DatacenterProfile dc) {
      return dc.pue() * (gpuJoules + serverJoules);
    }

    double operationalGrams(final DatacenterProfile dc, final ElectricityMix mix) {
      return facilityJoules(dc) / JOULES_PER_KWH * mix.gwpGramsPerKwh();
    }

    double waterLitres(final DatacenterProfile dc, final ElectricityMix mix) {
      final double itKwh = (gpuJoules + serverJoules) / JOULES_PER_KWH;
      return itKwh * (dc.wueLitresPerKwh() + dc.pue() * mix.wueLitresPerKwh());
    }

    /** IT kWh × on-site WUE (The Green Grid: WUE is per kWh of IT energy). */
    double onsiteWaterLitres(final DatacenterProfile dc) {
      return (gpuJoules + serverJoules) / JOULES_PER_KWH * dc.wueLitresPerKwh();
    }

    /** Facility kWh (IT × PUE) × the electricity's off-site water intensity. */
    double offsiteWaterLitres(final DatacenterProfile dc, final ElectricityMix mix) {
      return facilityJoules(dc) / JOULES_PER_KWH * mix.wueLitresPerKwh();
    }

    double adpe(final DatacenterProfile dc, final ElectricityMix mix) {
      return facilityJoules(dc) / JOULES_PER_KWH * mix.adpeKgSbEqPerKwh() + embodied.adpeKgSbEq();
    }

    double primaryMj(final DatacenterProfile dc, final ElectricityMix mix) {
      return facilityJoules(dc) / JOULES_PER_KWH * mix.primaryEnergyMjPerKwh()
          + embodied.primaryEnergyMj();
    }
  }
}
