package io.inferenceimpact.estimation;

import io.inferenceimpact.config.ModelSettings;
import io.inferenceimpact.config.ModelsSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the catalog entry for a model name as requests spell it. Lookup is case-insensitive and
 * tolerant of provider prefixes ({@code openai/gpt-4o} finds {@code gpt-4o}); aliases resolve to
 * their model. Sources in order of precedence: config entries ({@code models.entries}), the config
 * catalog file ({@code models.catalog}), our bundled open models, EcoLogits' catalog. A name found
 * nowhere gets the documented default entry and {@code known == false}; the caller counts it.
 */
public final class ModelCatalog {

  private final Map<String, ModelEntry> byKey;
  private final ModelEntry defaultEntry;
  private final int size;

  private ModelCatalog(final List<List<ModelEntry>> layers, final ModelEntry defaultEntry) {
    this.defaultEntry = Objects.requireNonNull(defaultEntry, "defaultEntry");
    final Map<String, ModelEntry> keys = new HashMap<>();
    int count = 0;
    for (final List<ModelEntry> layer : layers) {
      layer.forEach(e -> keys.putIfAbsent(key(e.name()), e));
      for (final ModelEntry e : layer) {
        keys.putIfAbsent(key(shortName(e.name())), e);
        for (final String alias : e.aliases()) {
          keys.putIfAbsent(key(alias), e);
          keys.putIfAbsent(key(shortName(alias)), e);
        }
      }
      count += layer.size();
    }
    this.byKey = Map.copyOf(keys);
    this.size = count;
  }

  /** The catalog shipped with the product: our open models, then EcoLogits' models. */
  public static ModelCatalog bundled() {
    return withConfig(new ModelsSettings(null, Map.of()));
  }

  /** The bundled catalog, overridden and extended by the {@code models} section of the config. */
  public static ModelCatalog withConfig(final ModelsSettings settings) {
    final List<List<ModelEntry>> layers = new ArrayList<>();
    layers.add(fromConfig(settings.entries()));
    if (settings.catalog() != null) {
      final Path file = Path.of(settings.catalog());
      layers.add(CatalogFiles.ours(CatalogFiles.file(file), file.toString()));
    }
    layers.add(
        CatalogFiles.ours(
            CatalogFiles.resource(CatalogFiles.OPEN_MODELS), CatalogFiles.OPEN_MODELS));
    layers.add(CatalogFiles.ecoLogits(CatalogFiles.resource(CatalogFiles.ECOLOGITS_MODELS)));
    final ModelEntry fallback =
        CatalogFiles.defaultEntry(
            CatalogFiles.resource(CatalogFiles.OPEN_MODELS), CatalogFiles.OPEN_MODELS);
    return new ModelCatalog(layers, fallback);
  }

  /** The entry for the name, or the default entry flagged unknown. */
  public CatalogLookup lookup(final String requestedName) {
    if (requestedName != null && !requestedName.isBlank()) {
      final String name = key(requestedName);
      ModelEntry found = byKey.get(name);
      if (found == null) {
        found = byKey.get(shortName(name));
      }
      if (found != null) {
        return new CatalogLookup(requestedName, found, true);
      }
    }
    return new CatalogLookup(requestedName, defaultEntry, false);
  }

  /** The entry used for unknown models (catalog/open-models.yaml, {@code default:}). */
  public ModelEntry defaultEntry() {
    return defaultEntry;
  }

  /** Number of entries over all sources (an entry overridden by a higher source still counts). */
  public int size() {
    return size;
  }

  private static List<ModelEntry> fromConfig(final Map<String, ModelSettings> entries) {
    final List<ModelEntry> layer = new ArrayList<>();
    entries.forEach(
        (name, m) ->
            layer.add(
                new ModelEntry(
                    name,
                    null,
                    ParamRange.of(m.activeParamsBillions()),
                    ParamRange.of(m.totalParamsBillions()),
                    ModelEntry.DEFAULT_QUANTIZATION_BITS,
                    m.aliases(),
                    "config models.entries")));
    return layer;
  }

  private static String key(final String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  /** The part after the last {@code /}: {@code meta-llama/Llama-3.1-8B} → {@code Llama-3.1-8B}. */
  private static String shortName(final String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
