package io.inferenceimpact.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The simulated fleet: nodes spread over grid zones, each with GPUs of one type, and model replicas
 * (deployments) packed onto the GPUs. Nodes are paired (0 and 1, 2 and 3, ...) into different zones
 * with the same model mix, so that every model is served in at least two zones as soon as there are
 * two nodes — a dirty-grid alert can then name the greener zone.
 */
public record Fleet(List<Node> nodes, List<Deployment> deployments) {

  /** The zones of the bundled 2023 hourly grid series, in the order nodes are placed. */
  public static final List<String> ZONES = List.of("DE", "FR", "US-CAL-CISO", "IN-WE");

  /** One GPU: its UUID as NVML reports it, its node and type. */
  public record Gpu(String uuid, String node, GpuType type) {}

  /** One inference server. */
  public record Node(String name, String zone, GpuType gpuType, List<Gpu> gpus) {}

  /** One replica of a model on some GPUs of one node. */
  public record Deployment(String name, ModelProfile model, Node node, List<Gpu> gpus) {}

  public Fleet {
    nodes = List.copyOf(nodes);
    deployments = List.copyOf(deployments);
  }

  /** A fleet of {@code nodeCount} × {@code gpusPerNode}; the seed fixes the GPU UUIDs. */
  public static Fleet build(final int nodeCount, final int gpusPerNode, final long seed) {
    if (nodeCount < 1 || gpusPerNode < 1) {
      throw new IllegalArgumentException("need at least one node and one GPU per node");
    }
    final Random random = new Random(seed);
    final List<Node> nodes = new ArrayList<>();
    final List<Deployment> deployments = new ArrayList<>();
    for (int n = 0; n < nodeCount; n++) {
      final String name = String.format("node-%02d", n);
      final GpuType type = (n / 2) % 2 == 0 ? GpuType.H100 : GpuType.H200;
      final List<Gpu> gpus = new ArrayList<>();
      for (int g = 0; g < gpusPerNode; g++) {
        gpus.add(new Gpu("GPU-" + new UUID(random.nextLong(), random.nextLong()), name, type));
      }
      final Node node = new Node(name, ZONES.get(n % ZONES.size()), type, List.copyOf(gpus));
      nodes.add(node);
      pack(node, (n / 2) % ModelProfile.CATALOG.size(), deployments);
    }
    return new Fleet(nodes, deployments);
  }

  /** Fills the node's GPUs with replicas, starting the catalog rotation at {@code first}. */
  private static void pack(final Node node, final int first, final List<Deployment> into) {
    final List<ModelProfile> catalog = ModelProfile.CATALOG;
    int free = node.gpus().size();
    int next = 0;
    int index = first;
    int misses = 0;
    while (free > 0 && misses < catalog.size()) {
      final ModelProfile model = catalog.get(index % catalog.size());
      index++;
      if (model.gpusPerReplica() > free) {
        misses++;
        continue;
      }
      misses = 0;
      final List<Gpu> gpus = List.copyOf(node.gpus().subList(next, next + model.gpusPerReplica()));
      into.add(
          new Deployment(node.name() + "/" + shortName(model) + "-" + next, model, node, gpus));
      next += model.gpusPerReplica();
      free -= model.gpusPerReplica();
    }
  }

  private static String shortName(final ModelProfile model) {
    final String tail = model.name().substring(model.name().indexOf('/') + 1);
    return tail.toLowerCase().replace(".", "");
  }

  /** The models served, each with its deployments, in catalog order. */
  public Map<ModelProfile, List<Deployment>> deploymentsByModel() {
    final Map<ModelProfile, List<Deployment>> byModel = new LinkedHashMap<>();
    for (final ModelProfile model : ModelProfile.CATALOG) {
      final List<Deployment> of =
          deployments.stream().filter(d -> d.model().equals(model)).toList();
      if (!of.isEmpty()) {
        byModel.put(model, of);
      }
    }
    return Collections.unmodifiableMap(byModel);
  }

  /** Node name → grid zone, e.g. for the fleet section of the configuration. */
  public Map<String, String> nodeZones() {
    final Map<String, String> zones = new LinkedHashMap<>();
    nodes.forEach(n -> zones.put(n.name(), n.zone()));
    return Collections.unmodifiableMap(zones);
  }

  /** The zones that host at least one node, in placement order. */
  public List<String> zones() {
    return nodes.stream().map(Node::zone).distinct().toList();
  }
}
