package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;

/**
 * The whole, validated configuration of the application; immutable. Load it with {@link
 * ConfigLoader}. Each section documents its keys; {@code impact-default.yaml} shows them all.
 */
public record ImpactConfig(
    KafkaSettings kafka,
    SchemaRegistrySettings schemaRegistry,
    TopicSettings topics,
    FleetSettings fleet,
    ModelsSettings models,
    ZoneSettings zones,
    EnergySettings energy,
    WindowSettings windows,
    AlertSettings alerts,
    MetricsSettings metrics,
    IngestSettings ingest,
    GridSettings grid) {

  static ImpactConfig bind(final ConfigNode root) {
    final EnergySettings energy = EnergySettings.bind(root.child("energy"));
    final ImpactConfig config =
        new ImpactConfig(
            KafkaSettings.bind(root.child("kafka")),
            SchemaRegistrySettings.bind(root.child("schemaRegistry")),
            TopicSettings.bind(root.child("topics")),
            FleetSettings.bind(root.child("fleet")),
            ModelsSettings.bind(root.child("models")),
            ZoneSettings.bind(root.child("zones")),
            energy,
            WindowSettings.bind(root.child("windows"), energy),
            AlertSettings.bind(root.child("alerts")),
            MetricsSettings.bind(root.child("metrics")),
            IngestSettings.bind(root.child("ingest")),
            GridSettings.bind(root.child("grid")));
    root.finish();
    return config;
  }

  /** The same configuration with another fleet (the demo adds the simulated nodes). */
  public ImpactConfig withFleet(final FleetSettings newFleet) {
    return new ImpactConfig(
        kafka,
        schemaRegistry,
        topics,
        newFleet,
        models,
        zones,
        energy,
        windows,
        alerts,
        metrics,
        ingest,
        grid);
  }

  /** The same configuration with other ingest limits (the replay's, see {@code impact replay}). */
  public ImpactConfig withIngest(final IngestSettings newIngest) {
    return new ImpactConfig(
        kafka,
        schemaRegistry,
        topics,
        fleet,
        models,
        zones,
        energy,
        windows,
        alerts,
        metrics,
        newIngest,
        grid);
  }
}
