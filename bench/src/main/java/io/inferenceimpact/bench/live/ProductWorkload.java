package io.inferenceimpact.bench.live;

import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.NodeSettings;
import io.inferenceimpact.runtime.StreamsRuntime;
import io.inferenceimpact.simulate.Fleet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The product: the service as {@code impact run} starts it ({@link StreamsRuntime}: the real
 * topology, the registry-backed serdes, the metrics endpoint on a free port), configured through
 * the same environment variables a deployment would set. The simulated fleet's nodes are added to
 * the fleet configuration (as {@code impact demo} does), so the service knows their zones.
 *
 * <p>Settings: {@code bootstrap}, {@code registry}, {@code applicationId}, {@code stateDir}, {@code
 * nodes}, {@code gpusPerNode}, {@code seed} (of the simulated fleet), and {@code env.NAME=value}
 * for further variables (e.g. {@code env.IMPACT_ENERGY_GRACE=30s}).
 */
final class ProductWorkload implements Workload {
  private final ImpactConfig config;
  private volatile StreamsRuntime runtime;

  ProductWorkload(final Map<String, String> settings) throws Exception {
    final Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", settings.get("bootstrap"));
    env.put("SCHEMA_REGISTRY_URL", settings.get("registry"));
    env.put("KAFKA_APPLICATION_ID", settings.get("applicationId"));
    env.put("KAFKA_STATE_DIR", settings.get("stateDir"));
    env.put("KAFKA_PROCESSING_GUARANTEE", "exactly_once_v2");
    env.put("KAFKA_NUM_STREAM_THREADS", "1");
    env.put("KAFKA_NUM_STANDBY_REPLICAS", "0");
    env.put("IMPACT_METRICS_PORT", "0");
    settings.forEach(
        (key, value) -> {
          if (key.startsWith("env.")) {
            env.put(key.substring("env.".length()), value);
          }
        });
    final Fleet fleet =
        Fleet.build(
            Integer.parseInt(settings.get("nodes")),
            Integer.parseInt(settings.get("gpusPerNode")),
            Long.parseLong(settings.get("seed")));
    final ImpactConfig loaded = ConfigLoader.load((java.nio.file.Path) null, env);
    final Map<String, NodeSettings> nodes = new TreeMap<>();
    for (final Fleet.Node node : fleet.nodes()) {
      nodes.put(
          node.name(),
          loaded
              .fleet()
              .node(node.name())
              .withPlacement(node.zone(), node.gpus().size(), node.gpuType().modelName()));
    }
    this.config = loaded.withFleet(loaded.fleet().withNodes(nodes));
  }

  @Override
  public void start() throws Exception {
    runtime = StreamsRuntime.start(config);
  }

  @Override
  public String state() {
    final StreamsRuntime r = runtime;
    return r == null ? "STARTING" : r.state().name();
  }

  @Override
  public String failure() {
    final StreamsRuntime r = runtime;
    return r != null && r.failed() ? "Kafka Streams stopped in state ERROR" : null;
  }

  @Override
  public synchronized void close() {
    final StreamsRuntime r = runtime;
    runtime = null;
    if (r != null) {
      r.close();
    }
  }
}
