package io.inferenceimpact.estimation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.inferenceimpact.config.TrainingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The training footprints of {@code models.trainingAmortization}: per configured model, its
 * expected lifetime tokens (always from config: no one publishes them) and its training emissions
 * and water, from config or else from the bundled {@value #RESOURCE} (published figures with their
 * source, e.g. the Llama 3.1 model cards). Names resolve through the {@link ModelCatalog} like
 * requests' model names, so an alias in config and another in a request find the same entry.
 */
public final class TrainingFootprints {
  static final String RESOURCE = "/catalog/training-footprints.yaml";
  private static final double GRAMS_PER_KG = 1_000.0;

  private final ModelCatalog catalog;
  private final Map<String, TrainingFootprint> byKey;

  private TrainingFootprints(
      final ModelCatalog catalog, final Map<String, TrainingFootprint> byKey) {
    this.catalog = catalog;
    this.byKey = Map.copyOf(byKey);
  }

  /**
   * The configured footprints, completed from the bundled file.
   *
   * @throws IllegalArgumentException for a configured model with neither its own emissions nor a
   *     bundled figure
   */
  public static TrainingFootprints of(final TrainingSettings settings, final ModelCatalog catalog) {
    final Map<String, JsonNode> bundled = new HashMap<>();
    for (final JsonNode f : read().path("footprints")) {
      bundled.put(key(catalog, f.path("model").asText()), f);
    }
    final Map<String, TrainingFootprint> byKey = new HashMap<>();
    settings
        .models()
        .forEach(
            (name, m) -> {
              final String key = key(catalog, name);
              final JsonNode published = bundled.get(key);
              final double grams;
              final String source;
              if (!Double.isNaN(m.emissionsKgCo2e())) {
                grams = m.emissionsKgCo2e() * GRAMS_PER_KG;
                source = "config models.trainingAmortization.models[" + name + "]";
              } else if (published != null) {
                grams = published.path("emissionsKgCo2e").asDouble() * GRAMS_PER_KG;
                source = published.path("source").asText();
              } else {
                throw new IllegalArgumentException(
                    "models.trainingAmortization.models["
                        + name
                        + "].emissionsKgCo2e is required: no published training footprint of this"
                        + " model is bundled");
              }
              final Double water =
                  !Double.isNaN(m.waterLitres())
                      ? Double.valueOf(m.waterLitres())
                      : published != null && published.hasNonNull("waterLitres")
                          ? published.path("waterLitres").asDouble()
                          : null;
              byKey.put(key, new TrainingFootprint(name, grams, water, m.lifetimeTokens(), source));
            });
    return new TrainingFootprints(catalog, byKey);
  }

  /** The footprint of the model a request names, if one is configured. */
  public Optional<TrainingFootprint> find(final String model) {
    return model == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(catalog, model)));
  }

  /** The catalog's name of the model when it knows it, else the name itself; case-insensitive. */
  private static String key(final ModelCatalog catalog, final String name) {
    final CatalogLookup lookup = catalog.lookup(name);
    return (lookup.known() ? lookup.entry().name() : name).trim().toLowerCase(Locale.ROOT);
  }

  private static JsonNode read() {
    try (InputStream in = CatalogFiles.resource(RESOURCE)) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE, e);
    }
  }
}
