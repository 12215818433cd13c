package io.inferenceimpact.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.NodeInfo;
import io.inferenceimpact.avro.RequestImpact;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the field names that producers, subscribers and dashboards rely on. Once released, the
 * history check guards them too; this test also guards them before the first release.
 */
class PublicContractTest {

  static Stream<Arguments> coreFields() {
    return Stream.of(
        Arguments.of(
            InferenceRequest.getClassSchema(),
            new String[] {
              "request_id",
              "model",
              "deployment",
              "node",
              "gpu_uuids",
              "zone",
              "tenant",
              "start_time",
              "end_time",
              "input_tokens",
              "output_tokens",
              "cached_input_tokens",
              "time_to_first_token_ms",
              "status",
              "task",
              "output_images",
              "attributes"
            }),
        Arguments.of(
            GpuSample.getClassSchema(),
            new String[] {
              "node",
              "gpu_uuid",
              "gpu_model",
              "time",
              "power_watts",
              "energy_millijoules_total",
              "utilization_percent",
              "memory_used_bytes"
            }),
        Arguments.of(
            GridIntensity.getClassSchema(),
            new String[] {
              "zone",
              "valid_from",
              "intensity_g_per_kwh",
              "emission_factor_type",
              "estimated",
              "source",
              "forecast"
            }),
        Arguments.of(
            NodeInfo.getClassSchema(),
            new String[] {
              "node",
              "zone",
              "pue_ratio",
              "wue_litres_per_kwh",
              "server_overhead_watts",
              "gpu_count",
              "gpu_model",
              "server_embodied_emissions_grams",
              "gpu_embodied_emissions_grams",
              "hardware_lifetime_years"
            }),
        Arguments.of(
            RequestImpact.getClassSchema(),
            new String[] {
              "request_id",
              "model",
              "zone",
              "tenant",
              "start_time",
              "end_time",
              "input_tokens",
              "output_tokens",
              "method",
              "gpu_energy_joules",
              "server_energy_joules",
              "facility_energy_joules",
              "intensity_g_per_kwh",
              "intensity_source",
              "operational_emissions_grams",
              "embodied_emissions_grams",
              "water_litres",
              "abiotic_depletion_kg_sb_eq",
              "primary_energy_megajoules"
            }),
        Arguments.of(
            ModelImpactWindow.getClassSchema(),
            new String[] {
              "model",
              "zone",
              "window_start",
              "window_end",
              "requests",
              "input_tokens",
              "output_tokens",
              "gpu_energy_joules",
              "idle_energy_joules",
              "facility_energy_joules",
              "operational_emissions_grams",
              "embodied_emissions_grams",
              "water_litres",
              "wh_per_1k_output_tokens",
              "emissions_grams_per_1k_output_tokens",
              "emissions_grams_per_request"
            }),
        Arguments.of(
            ImpactAlert.getClassSchema(),
            new String[] {
              "alert_id",
              "rule",
              "status",
              "severity",
              "model",
              "zone",
              "tenant",
              "observed",
              "threshold",
              "window_start",
              "window_end",
              "summary",
              "suggested_action"
            }));
  }

  @ParameterizedTest
  @MethodSource("coreFields")
  void shouldKeepTheCoreFieldNames(final Schema schema, final String[] names) {
    assertThat(schema.getFields()).extracting(Schema.Field::name).contains(names);
  }
}
