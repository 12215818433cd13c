package io.inferenceimpact.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.testing.ExternalProcess;
import org.junit.jupiter.api.Test;

/** The metric-name extraction and the contract check that the dashboard and rule tests rely on. */
class PromQlNamesTest {

  @Test
  void shouldFindTheMetricsOfAnExpressionButNotItsFunctionsLabelsOrKeywords() {
    assertThat(
            PromQlNames.metricNames(
                "1000 * sum by (model, zone) (rate(impact_emissions_grams_total{model=~\"$model\","
                    + " scope=\"operational\"}[$__rate_interval])) / on (zone) group_left (model)"
                    + " sum without (method) (rate(impact_output_tokens_total[5m] offset 1d)) > bool"
                    + " 1.5e3 and impact_ready"))
        .containsExactlyInAnyOrder(
            "impact_emissions_grams_total", "impact_output_tokens_total", "impact_ready");
  }

  @Test
  void shouldFindMetricsInsideSubqueriesAndQuantiles() {
    assertThat(
            PromQlNames.metricNames(
                "histogram_quantile(0.95, sum by (le) (rate(impact_request_emissions_grams_bucket"
                    + "{model=~\"a|b\"}[1m]))) + max_over_time(time()[5m:1m]) - "
                    + "avg_over_time(model:impact_wh:rate30m[1d] offset 1h)"))
        .containsExactlyInAnyOrder(
            "impact_request_emissions_grams_bucket", "model:impact_wh:rate30m");
  }

  @Test
  void shouldAcceptContractNamesHistogramSeriesAndMicrometerFamiliesOnly() {
    final MetricsContract contract =
        MetricsContract.load(ExternalProcess.repoRoot().resolve("docs/METRICS.md"));

    assertThat(contract.names()).contains("impact_emissions_grams_total", "impact_ready");
    assertThat(contract.exports("impact_request_emissions_grams_bucket")).isTrue();
    assertThat(contract.exports("kafka_consumer_fetch_manager_records_lag_max")).isTrue();
    assertThat(contract.exports("jvm_memory_used_bytes")).isTrue();
    assertThat(contract.exports("impact_emissions_kilograms_total")).isFalse();
    assertThat(contract.exports("impact_ready_bucket")).isFalse();
    assertThat(contract.exports("up")).isFalse();
  }
}
