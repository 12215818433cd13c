package io.inferenceimpact.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.estimation.Estimate;
import io.inferenceimpact.topology.estimation.RequestEstimator;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The calibration report of a replay ({@code impact replay --calibration}): per model, over its
 * MEASURED requests (the last record per request id in {@code <impactRequests>.jsonl}), the sum of
 * the measured facility energy, the sum of the estimate for the same requests (the estimation
 * stage's {@link RequestEstimator} applied to the input request as if it had no telemetry), their
 * ratio measured/estimated, and counts. Requests no method estimates are counted, not summed, so
 * that both sums cover the same requests. One line per model, sorted by model: deterministic.
 */
public final class Calibration {
  public static final String FILE_NAME = "calibration.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImpactConfig config;
  private final RequestEstimator estimator;

  public Calibration(final ImpactConfig config) {
    this.config = config;
    this.estimator = new RequestEstimator(config);
  }

  /** One model's line. */
  private static final class Totals {
    String catalogEntry;
    boolean knownModel = true;
    long measuredRequests;
    long comparedRequests;
    double measuredJoules;
    double estimatedJoules;
    double estimatedMinJoules;
    double estimatedMaxJoules;
  }

  /**
   * Reads the replay's input requests and its impact output in {@code outDir}, writes {@value
   * #FILE_NAME} there.
   */
  public ReplayOutput write(final Path requestsFile, final Path outDir) throws IOException {
    final Map<String, InferenceRequest> requests = readRequests(requestsFile);
    final Map<String, Totals> byModel = new TreeMap<>();
    for (final JsonNode impact : finalImpacts(outDir)) {
      if (!ImpactMethod.MEASURED.name().equals(impact.path("method").asText())) {
        continue;
      }
      final Totals t = byModel.computeIfAbsent(impact.path("model").asText(), m -> new Totals());
      t.measuredRequests++;
      final InferenceRequest request = requests.get(impact.path("request_id").asText());
      final Optional<Estimate> estimate =
          request == null ? Optional.empty() : estimator.estimate(request);
      if (estimate.isEmpty()) {
        continue;
      }
      final Estimate e = estimate.get();
      t.comparedRequests++;
      t.catalogEntry = e.entry().name();
      t.knownModel = e.knownModel();
      t.measuredJoules += impact.path("facility_energy_joules").asDouble();
      t.estimatedJoules += e.facilityEnergyJoules().value();
      t.estimatedMinJoules += e.facilityEnergyJoules().min();
      t.estimatedMaxJoules += e.facilityEnergyJoules().max();
    }
    final Path file = outDir.resolve(FILE_NAME);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (final Map.Entry<String, Totals> entry : byModel.entrySet()) {
        out.write(JSON.writeValueAsString(line(entry.getKey(), entry.getValue())));
        out.write('\n');
      }
    }
    return new ReplayOutput(FILE_NAME, null, byModel.size());
  }

  private static ObjectNode line(final String model, final Totals t) {
    final ObjectNode line = JSON.createObjectNode();
    line.put("model", model);
    line.put("catalog_entry", t.catalogEntry);
    line.put("known_model", t.knownModel);
    line.put("measured_requests", t.measuredRequests);
    line.put("compared_requests", t.comparedRequests);
    line.put("measured_facility_energy_joules", t.measuredJoules);
    line.put("estimated_facility_energy_joules", t.estimatedJoules);
    line.put("estimated_facility_energy_min_joules", t.estimatedMinJoules);
    line.put("estimated_facility_energy_max_joules", t.estimatedMaxJoules);
    if (t.estimatedJoules > 0) {
      line.put("ratio_measured_to_estimated", t.measuredJoules / t.estimatedJoules);
    } else {
      line.putNull("ratio_measured_to_estimated");
    }
    return line;
  }

  /** The last value per key of the impact output (a later record supersedes an earlier one). */
  private List<JsonNode> finalImpacts(final Path outDir) throws IOException {
    final Path file = outDir.resolve(config.topics().impactRequests() + ".jsonl");
    final Map<String, JsonNode> last = new TreeMap<>();
    if (Files.exists(file)) {
      for (final String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (text.isBlank()) {
          continue;
        }
        final JsonNode value = JSON.readTree(text).path("value");
        if (value.isObject()) {
          last.put(value.path("request_id").asText(), value);
        }
      }
    }
    return List.copyOf(last.values());
  }

  @SuppressWarnings("unchecked")
  private Map<String, InferenceRequest> readRequests(final Path file) throws IOException {
    final TopologySerdes serdes = TopologySerdes.inMemory();
    final String topic = config.topics().inferenceRequests();
    final Serializer<SpecificRecord> serializer =
        (Serializer<SpecificRecord>)
            (Serializer<?>) serdes.avro(InferenceRequest.class).serializer();
    final Deserializer<InferenceRequest> deserializer =
        serdes.avro(InferenceRequest.class).deserializer();
    final Map<String, InferenceRequest> byId = new HashMap<>();
    for (final ReplayInput input :
        new JsonLinesReader(InputKind.REQUESTS, topic, serializer).read(file)) {
      if (input.headers().lastHeader(ReplayInput.ERROR_HEADER) == null) {
        final InferenceRequest r = deserializer.deserialize(topic, input.value());
        byId.put(r.getRequestId(), r);
      }
    }
    return byId;
  }
}
