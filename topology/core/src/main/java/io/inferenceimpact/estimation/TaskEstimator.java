package io.inferenceimpact.estimation;

import io.inferenceimpact.avro.ImpactMethod;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Estimates a request of a task other than text generation from the published per-task energy
 * ({@link TaskEnergyTable}). The paper measured one whole node (GPU + CPU + RAM, idle GPUs
 * included) without a split, so the figure goes entirely into {@code gpuEnergyJoules} and the
 * server share is 0; PUE is applied on top (the paper has none). The paper gives no time, so the
 * embodied share is 0 and the GPU count is 1 (one GPU per inference in its setup). Min and max
 * equal the mean: the paper's standard deviation spreads over models, not over one model's
 * uncertainty.
 */
public final class TaskEstimator {

  private static final double JOULES_PER_KWH = 3.6e6;
  private final TaskEnergyTable table;

  public TaskEstimator(final TaskEnergyTable table) {
    this.table = table;
  }

  /**
   * The estimate for {@code inferences} inferences of the task (e.g. images generated; 1 for one
   * request), or empty when the table has no figure for the task (the caller then uses the LLM
   * method or reports the request as not estimable).
   */
  public Optional<Estimate> estimate(
      final String task,
      final long inferences,
      final CatalogLookup lookup,
      final DatacenterProfile datacenter,
      final ElectricityMix mix) {
    if (inferences < 0) {
      throw new IllegalArgumentException("inferences must be >= 0: " + inferences);
    }
    return table.find(task).map(f -> build(task, f, inferences, lookup, datacenter, mix));
  }

  private static Estimate build(
      final String task,
      final TaskEnergyTable.TaskFigure figure,
      final long inferences,
      final CatalogLookup lookup,
      final DatacenterProfile dc,
      final ElectricityMix mix) {
    final double itJoules = figure.joulesPerInference() * inferences;
    final double facilityJoules = dc.pue() * itJoules;
    final double facilityKwh = facilityJoules / JOULES_PER_KWH;
    final double itKwh = itJoules / JOULES_PER_KWH;
    final Set<EstimateFlag> flags = EnumSet.of(EstimateFlag.TASK_TABLE);
    if (!lookup.known()) {
      flags.add(EstimateFlag.UNKNOWN_MODEL);
    }
    return new Estimate(
        ImpactMethod.ESTIMATED,
        task,
        lookup.requestedName(),
        lookup.entry(),
        lookup.known(),
        flags,
        1,
        1,
        Bounds.exact(0),
        Bounds.exact(itJoules),
        Bounds.exact(0),
        Bounds.exact(facilityJoules),
        dc.pue(),
        mix.gwpGramsPerKwh(),
        Bounds.exact(facilityKwh * mix.gwpGramsPerKwh()),
        Bounds.exact(0),
        Bounds.exact(itKwh * (dc.wueLitresPerKwh() + dc.pue() * mix.wueLitresPerKwh())),
        Bounds.exact(itKwh * dc.wueLitresPerKwh()),
        Bounds.exact(facilityKwh * mix.wueLitresPerKwh()),
        Bounds.exact(facilityKwh * mix.adpeKgSbEqPerKwh()),
        Bounds.exact(facilityKwh * mix.primaryEnergyMjPerKwh()));
  }
}
