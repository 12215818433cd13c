package io.inferenceimpact.metrics;

import java.util.Map;

/** The HELP text of each of the application's meters, by Micrometer name (docs/METRICS.md). */
final class MeterHelp {
  private static final Map<String, String> HELP =
      Map.ofEntries(
          Map.entry("impact.requests", "Requests accounted (results sent to impact.requests.v1)"),
          Map.entry("impact.input.tokens", "Input tokens of accounted requests"),
          Map.entry("impact.output.tokens", "Output tokens of accounted requests"),
          Map.entry("impact.gpu.energy.joules", "GPU energy of requests, joules"),
          Map.entry(
              "impact.energy.joules", "Facility energy of requests ((GPU + server) x PUE), joules"),
          Map.entry("impact.emissions.grams", "Emissions of requests, grams CO2e, by scope"),
          Map.entry("impact.water.litres", "Water of requests, litres"),
          Map.entry(
              "impact.idle.energy.joules",
              "Facility energy of idle GPUs, charged to the model they served last, joules"),
          Map.entry(
              "impact.idle.emissions.grams", "Operational emissions of idle GPUs, grams CO2e"),
          Map.entry(
              "impact.idle.embodied.grams",
              "Embodied emissions of the GPU time spent idle, grams CO2e"),
          Map.entry("impact.tenant.requests", "Requests accounted per tenant"),
          Map.entry("impact.tenant.output.tokens", "Output tokens per tenant"),
          Map.entry("impact.tenant.energy.joules", "Facility energy per tenant, joules"),
          Map.entry("impact.tenant.emissions.grams", "Emissions per tenant, grams CO2e, by scope"),
          Map.entry(
              "impact.model.wh.per.1k.output.tokens",
              "Facility Wh per 1000 output tokens of the open window"),
          Map.entry(
              "impact.model.emissions.grams.per.1k.output.tokens",
              "gCO2e per 1000 output tokens of the open window"),
          Map.entry(
              "impact.model.emissions.grams.per.request", "gCO2e per request of the open window"),
          Map.entry("impact.model.emissions.grams.per.hour", "gCO2e per hour of the open window"),
          Map.entry(
              "impact.model.window.end.timestamp.seconds",
              "End of the window the live rates are from, Unix seconds"),
          Map.entry("impact.model.windows", "Final model windows sent to impact.model-rates.v1"),
          Map.entry(
              "impact.grid.intensity.grams.per.kwh", "Latest grid carbon intensity, gCO2e/kWh"),
          Map.entry(
              "impact.grid.intensity.forecast.grams.per.kwh",
              "Forecast grid carbon intensity at a horizon after the latest value, gCO2e/kWh"),
          Map.entry(
              "impact.grid.intensity.valid.from.timestamp.seconds",
              "Start of the latest grid intensity value, Unix seconds"),
          Map.entry("impact.grid.updates", "Grid intensity values received"),
          Map.entry("impact.dlq.records", "Records sent to the dead-letter topic"),
          Map.entry("impact.alerts.firing", "Alert episodes currently firing"),
          Map.entry("impact.alert.transitions", "FIRING and RESOLVED alert records sent"));

  private MeterHelp() {}

  static String of(final String name) {
    return HELP.getOrDefault(name, "");
  }
}
