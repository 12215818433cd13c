package io.inferenceimpact.topology.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.InvalidConfigException;
import io.inferenceimpact.topology.estimation.RequestEstimator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The dirty-grid serving signs name the zone that the request's impact is booked in. */
class AlertZoneTest {

  @Test
  void shouldGiveARequestWithoutNodeTheFleetDefaultsZoneAsItsImpactGets()
      throws InvalidConfigException {
    final Properties p = new Properties();
    p.put("fleet.defaults.zone", "GB");
    final ImpactConfig config = ConfigLoader.load(p, Map.of());
    final InferenceRequest noNode =
        InferenceRequest.newBuilder()
            .setRequestId("r1")
            .setModel("llama")
            .setNode(null)
            .setZone("DE")
            .setGpuUuids(List.of())
            .setStartTime(Instant.EPOCH)
            .setEndTime(Instant.EPOCH)
            .setInputTokens(1)
            .setOutputTokens(1)
            .build();

    // Measured and estimated impacts of this request are booked in GB (fleet.defaults).
    assertThat(new RequestEstimator(config).zoneOf(noNode)).isEqualTo("GB");
    assertThat(AlertStage.zoneOf(config, noNode)).isEqualTo("GB");
  }
}
