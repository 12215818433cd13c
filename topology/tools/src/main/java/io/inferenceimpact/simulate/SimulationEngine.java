package io.inferenceimpact.simulate;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The simulation, one simulated second per {@link #step}: arrivals from the trace are routed to
 * replicas, finished requests are emitted at their end, every GPU is sampled at the end of the
 * second, and grid intensity is emitted when it changes. Pure and deterministic for a seed: no
 * clock, no threads, no Kafka.
 */
public final class SimulationEngine {
  private final SimulatorSettings settings;
  private final Scenario scenario;
  private final Fleet fleet;
  private final List<Replica> replicas = new ArrayList<>();
  private final RequestRouter router;
  private final ArrivalProcess arrivals;
  private final GpuTelemetry telemetry;
  private final GridFeed grid;
  private final ModelProfile regressionModel;
  private final long startMillis;
  private long nowMillis;
  private ArrivalProcess.Arrival pending;
  private double pendingAtMillis;

  public SimulationEngine(final SimulatorSettings settings, final GridSeries gridSeries) {
    this.settings = settings;
    this.scenario = settings.scenario();
    this.fleet = Fleet.build(settings.nodes(), settings.gpusPerNode(), settings.seed());
    this.startMillis = settings.start().toEpochMilli();
    this.nowMillis = startMillis;
    final Map<ModelProfile, List<Replica>> byModel = new LinkedHashMap<>();
    fleet
        .deploymentsByModel()
        .forEach(
            (model, deployments) ->
                deployments.forEach(
                    d -> {
                      final Replica replica = new Replica(d);
                      replicas.add(replica);
                      byModel.computeIfAbsent(model, m -> new ArrayList<>()).add(replica);
                    }));
    this.router = new RequestRouter(byModel, new Random(settings.seed() * 31 + 1));
    this.arrivals = new ArrivalProcess(AzureTrace.bundled(), new Random(settings.seed() * 31 + 2));
    this.telemetry = new GpuTelemetry(fleet, startMillis, new Random(settings.seed() * 31 + 3));
    this.grid = new GridFeed(gridSeries, fleet.zones(), DirtyZone.of(fleet), scenario);
    this.regressionModel =
        byModel.containsKey(ModelProfile.MIXTRAL_8X7B)
            ? ModelProfile.MIXTRAL_8X7B
            : byModel.keySet().iterator().next();
    this.pending = arrivals.next(settings.ratePerSecond());
    this.pendingAtMillis = startMillis + pending.gapSeconds() * 1000.0;
  }

  public Fleet fleet() {
    return fleet;
  }

  /** The simulated time reached (epoch millis): everything up to it has been emitted. */
  public long nowMillis() {
    return nowMillis;
  }

  /** True once the configured duration is simulated (never with duration 0). */
  public boolean finished() {
    return !settings.duration().isZero()
        && nowMillis - startMillis >= settings.duration().toMillis();
  }

  /** Simulates the next second and emits its records to {@code sink}. */
  public void step(final SimulationSink sink) {
    final long end = nowMillis + 1000;
    if (settings.publishGrid()) {
      grid.emit(nowMillis, nowMillis - startMillis, sink);
    }
    while (pendingAtMillis < end) {
      final long at = (long) pendingAtMillis;
      final long offset = at - startMillis;
      final boolean surging = scenario.surging(offset);
      final double factor = surging ? scenario.surgeFactor() : 1.0;
      router.admit(
          pending,
          at,
          surging ? (factor - 1.0) / factor : 0.0,
          m -> m.equals(regressionModel) && scenario.regressed(offset) ? "v2" : "v1");
      pending = arrivals.next(settings.ratePerSecond() * factor);
      pendingAtMillis += pending.gapSeconds() * 1000.0;
    }
    final long offset = end - startMillis;
    if (scenario.counterResetAt() != null
        && scenario.counterResetAt().toMillis() > nowMillis - startMillis
        && scenario.counterResetAt().toMillis() <= offset) {
      telemetry.reset(fleet.nodes().get(0).gpus().get(0).uuid());
    }
    emitFinished(end, sink);
    final String silentNode = scenario.silent(offset) ? fleet.nodes().get(0).name() : null;
    for (final Replica replica : replicas) {
      final boolean regressed =
          replica.deployment().model().equals(regressionModel) && scenario.regressed(offset);
      telemetry.sample(
          replica,
          end,
          regressed ? scenario.regressionFactor() : 1.0,
          replica.deployment().node().name().equals(silentNode),
          sink);
    }
    nowMillis = end;
    sink.tick(end);
  }

  private void emitFinished(final long end, final SimulationSink sink) {
    final List<Map.Entry<Replica, InFlight>> done = new ArrayList<>();
    for (final Replica replica : replicas) {
      replica.finishedBy(end).forEach(r -> done.add(Map.entry(replica, r)));
    }
    done.sort(Comparator.comparingLong(e -> e.getValue().endMillis()));
    done.forEach(e -> sink.request(toRecord(e.getKey().deployment(), e.getValue())));
  }

  private static InferenceRequest toRecord(final Fleet.Deployment d, final InFlight r) {
    return InferenceRequest.newBuilder()
        .setRequestId(r.requestId())
        .setModel(d.model().name())
        .setDeployment(d.name())
        .setNode(d.node().name())
        .setGpuUuids(d.gpus().stream().map(Fleet.Gpu::uuid).toList())
        .setZone(d.node().zone())
        .setTenant(r.tenant())
        .setProvider(null)
        .setStartTime(Instant.ofEpochMilli(r.arrivalMillis()))
        .setEndTime(Instant.ofEpochMilli(r.endMillis()))
        .setInputTokens(r.inputTokens())
        .setOutputTokens(r.outputTokens())
        .setCachedInputTokens(null)
        .setTimeToFirstTokenMs(r.timeToFirstTokenMillis())
        .setStatus(RequestStatus.OK)
        .setTask("text-generation")
        .setOutputImages(null)
        .setAttributes(
            Map.of(
                "engine", "vllm",
                "model_version", r.version(),
                "batch_size", Integer.toString(r.batchAtAdmission())))
        .build();
  }
}
