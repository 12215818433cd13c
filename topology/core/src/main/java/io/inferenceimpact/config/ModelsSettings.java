package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code models} section: an optional catalog file and entries written inline (inline entries
 * win over the catalog's), and the optional training amortization.
 *
 * @param catalog path of a catalog file, or null
 * @param trainingAmortization {@code models.trainingAmortization} (off by default)
 */
public record ModelsSettings(
    String catalog, Map<String, ModelSettings> entries, TrainingSettings trainingAmortization) {

  public ModelsSettings {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** Catalog and entries, training amortization off. */
  public ModelsSettings(final String catalog, final Map<String, ModelSettings> entries) {
    this(catalog, entries, TrainingSettings.OFF);
  }

  static ModelsSettings bind(final ConfigNode node) {
    final String catalog = node.string("catalog", null);
    if (catalog != null && !Files.isRegularFile(Path.of(catalog))) {
      node.binding().problem(node.pathOf("catalog"), "file not found: " + catalog);
    }
    final Map<String, ModelSettings> entries = new LinkedHashMap<>();
    node.entries("entries").forEach((name, entry) -> entries.put(name, ModelSettings.bind(entry)));
    final TrainingSettings training = TrainingSettings.bind(node.child("trainingAmortization"));
    node.finish();
    return new ModelsSettings(catalog, entries, training);
  }
}
