package io.inferenceimpact.topology.estimation;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.config.Zones;
import io.inferenceimpact.estimation.CatalogLookup;
import io.inferenceimpact.estimation.DatacenterProfile;
import io.inferenceimpact.estimation.ElectricityMix;
import io.inferenceimpact.estimation.ElectricityMixes;
import io.inferenceimpact.estimation.Estimate;
import io.inferenceimpact.estimation.LlmInferenceEstimator;
import io.inferenceimpact.estimation.LlmRequest;
import io.inferenceimpact.estimation.ModelCatalog;
import io.inferenceimpact.estimation.TaskEnergyTable;
import io.inferenceimpact.estimation.TaskEstimator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the EcoLogits estimation ({@code io.inferenceimpact.estimate}) to one request; built once
 * per topology (the catalog and tables are read here, once) and shared by its processors.
 *
 * <ul>
 *   <li>Method: the LLM method for {@link #LLM_TASKS}; else the published per-task figure
 *       (TaskEstimator; inferences = {@code output_images} when given, else 1); else, for a task
 *       with no figure, the LLM method if the request generated tokens; else none (the request is
 *       unestimable: the stage sends it to the DLQ with reason {@code unestimable}, counted).
 *   <li>LLM inputs: the request's output tokens (0 gives zero GPU energy, flag NO_OUTPUT_TOKENS)
 *       and its measured latency {@code end - start} (0 for a zero-length request: the generation
 *       time, and with it the server and embodied shares, is then 0; GPU energy still counts).
 *   <li>Datacenter: the request's {@code provider}'s published PUE/WUE, else the node's fleet
 *       settings (fleet defaults for an unlisted node or none).
 *   <li>Zone: the node's zone from fleet config, else the request's, else {@code
 *       zones.defaultZone}. Electricity: the zone's country mix (world average if none) with the
 *       zone's static annual intensity ({@code zones.fallbackFor}) in place of the mix's.
 * </ul>
 */
public final class RequestEstimator {
  /** Tasks the LLM-inference method covers (text generation under its usual names). */
  public static final Set<String> LLM_TASKS =
      Set.of("text-generation", "chat", "chat-completion", "completion", "text2text-generation");

  private final ImpactConfig config;
  private final ModelCatalog catalog;
  private final LlmInferenceEstimator llm = new LlmInferenceEstimator();
  private final TaskEnergyTable taskTable = TaskEnergyTable.bundled();
  private final TaskEstimator tasks = new TaskEstimator(taskTable);
  private final ElectricityMixes mixes = ElectricityMixes.bundled();
  private final UnknownModelLog unknownModels = new UnknownModelLog();

  public RequestEstimator(final ImpactConfig config) {
    this.config = config;
    this.catalog = ModelCatalog.withConfig(config.models());
  }

  /** Whether some method applies to the request (see the class comment). */
  public boolean canEstimate(final InferenceRequest r) {
    return isLlmTask(r.getTask())
        || taskTable.find(r.getTask()).isPresent()
        || r.getOutputTokens() > 0;
  }

  /** The request's estimate in its own zone, or empty when it is unestimable. */
  public Optional<Estimate> estimate(final InferenceRequest r) {
    return estimate(r, mixOf(zoneOf(r)));
  }

  /** The request's estimate with the given electricity mix, or empty when it is unestimable. */
  public Optional<Estimate> estimate(final InferenceRequest r, final ElectricityMix mix) {
    final CatalogLookup lookup = catalog.lookup(r.getModel());
    final DatacenterProfile dc = datacenterOf(r);
    if (isLlmTask(r.getTask())) {
      return Optional.of(llm.estimate(lookup, llmRequest(r), dc, mix));
    }
    final long inferences = r.getOutputImages() != null ? r.getOutputImages() : 1L;
    final Optional<Estimate> byTask = tasks.estimate(r.getTask(), inferences, lookup, dc, mix);
    if (byTask.isPresent()) {
      return byTask;
    }
    return r.getOutputTokens() > 0
        ? Optional.of(llm.estimate(lookup, llmRequest(r), dc, mix))
        : Optional.empty();
  }

  public String zoneOf(final InferenceRequest r) {
    return Zones.zoneOf(config, r.getNode(), r.getZone());
  }

  /** The provider's published profile, else the node's (or fleet defaults') PUE and WUE. */
  public DatacenterProfile datacenterOf(final InferenceRequest r) {
    return DatacenterProfile.forProvider(r.getProvider())
        .orElseGet(
            () -> {
              final NodeSettings node = config.fleet().node(r.getNode());
              return new DatacenterProfile(node.pue(), node.wueLitresPerKwh());
            });
  }

  /** The zone's electricity mix with the zone's static annual intensity (source FALLBACK). */
  public ElectricityMix mixOf(final String zone) {
    return mixes.forZoneOrWorld(zone).withGwpGramsPerKwh(config.zones().fallbackFor(zone));
  }

  /** Whether the unknown model is due a log line now (at most once per model per 10 minutes). */
  boolean shouldLogUnknown(final String model, final long nowMillis) {
    return unknownModels.shouldLog(model, nowMillis);
  }

  static boolean isLlmTask(final String task) {
    return task == null || LLM_TASKS.contains(task.trim().toLowerCase(Locale.ROOT));
  }

  private static LlmRequest llmRequest(final InferenceRequest r) {
    final long latencyMillis =
        Math.max(0L, r.getEndTime().toEpochMilli() - r.getStartTime().toEpochMilli());
    return LlmRequest.of(Math.max(0L, r.getOutputTokens()), latencyMillis / 1000.0);
  }
}
