package io.inferenceimpact.estimation;

/**
 * The answer of {@link ModelCatalog#lookup}: the entry to estimate with, and whether the model was
 * actually known (an unknown model gets the documented default entry; the caller counts it).
 *
 * @param requestedName the name as the request gave it
 * @param entry the entry used (never null)
 * @param known false when {@code entry} is the default entry
 */
public record CatalogLookup(String requestedName, ModelEntry entry, boolean known) {}
