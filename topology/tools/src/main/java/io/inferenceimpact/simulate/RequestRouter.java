package io.inferenceimpact.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns arrivals into requests on replicas: picks the model (by traffic share, or the surge model
 * for the extra traffic of a surge), the least-loaded replica of that model, a tenant, and fixes
 * the request's latency from the model's latency model and the batch it joins.
 */
final class RequestRouter {
  /** Traffic share per model, small models busiest (an assumption for a plausible mix). */
  private static final Map<ModelProfile, Double> SHARE =
      Map.of(
          ModelProfile.LLAMA_8B, 0.5, ModelProfile.MIXTRAL_8X7B, 0.3, ModelProfile.LLAMA_70B, 0.2);

  private static final List<String> TENANTS =
      List.of("search", "assistant", "code-review", "batch-eval");

  private final Map<ModelProfile, List<Replica>> replicas;
  private final List<ModelProfile> models;
  private final double totalShare;
  private final Random random;

  RequestRouter(final Map<ModelProfile, List<Replica>> replicas, final Random random) {
    this.replicas = replicas;
    this.models = new ArrayList<>(replicas.keySet());
    this.totalShare = models.stream().mapToDouble(SHARE::get).sum();
    this.random = random;
  }

  /** The model that takes a surge's extra traffic: the largest served. */
  ModelProfile surgeModel() {
    return models.get(0);
  }

  /**
   * Admits one arrival at {@code arrivalMillis}; {@code surgeShare} of traffic goes to the surge
   * model.
   */
  Replica admit(
      final ArrivalProcess.Arrival arrival,
      final long arrivalMillis,
      final double surgeShare,
      final Function<ModelProfile, String> versionOf) {
    final ModelProfile model =
        random.nextDouble() < surgeShare ? surgeModel() : pickByShare(random.nextDouble());
    final Replica replica =
        replicas.get(model).stream().min(Comparator.comparingInt(Replica::batch)).orElseThrow();
    final int batch = replica.batch() + 1;
    final double secondsPerToken = model.secondsPerToken(batch);
    final long firstToken =
        arrivalMillis + Math.round(model.timeToFirstTokenSeconds(arrival.inputTokens()) * 1000.0);
    final long end = firstToken + Math.round(arrival.outputTokens() * secondsPerToken * 1000.0);
    final String id = new UUID(random.nextLong(), random.nextLong()).toString();
    final String tenant = TENANTS.get(random.nextInt(TENANTS.size()));
    replica.admit(
        new InFlight(
            id,
            tenant,
            versionOf.apply(model),
            batch,
            arrivalMillis,
            firstToken,
            end,
            arrival.inputTokens(),
            arrival.outputTokens(),
            secondsPerToken));
    return replica;
  }

  private ModelProfile pickByShare(final double u) {
    double acc = 0.0;
    for (final ModelProfile m : models) {
      acc += SHARE.get(m) / totalShare;
      if (u < acc) {
        return m;
      }
    }
    return models.get(models.size() - 1);
  }
}
