package io.inferenceimpact.faults;

import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one run produced: each per-request impact by request id, each final per-model window by its
 * key, the keys that arrived more than once, and how many records reached the DLQ. {@link
 * #differencesFrom} compares two runs the way the fault tests demand: counts, ids and texts
 * exactly, every floating-point quantity (per record and per-model totals) within a relative
 * tolerance of 1e-9.
 */
public record Results(
    Map<String, RequestImpact> requests,
    Map<String, ModelImpactWindow> windows,
    List<String> duplicateKeys,
    long deadLetters) {
  static final double RELATIVE_TOLERANCE = 1e-9;

  /** Every way {@code actual} differs from this (the baseline); empty when they agree. */
  public List<String> differencesFrom(final Results actual) {
    final List<String> out = new ArrayList<>();
    if (!actual.duplicateKeys.isEmpty()) {
      out.add("duplicated output keys: " + actual.duplicateKeys);
    }
    if (actual.deadLetters != deadLetters) {
      out.add("dead letters: expected " + deadLetters + ", got " + actual.deadLetters);
    }
    compareRecords("request", requests, actual.requests, out);
    compareRecords("window", windows, actual.windows, out);
    final Map<String, Totals> expectedTotals = totalsByModel(windows);
    final Map<String, Totals> actualTotals = totalsByModel(actual.windows);
    if (!expectedTotals.keySet().equals(actualTotals.keySet())) {
      out.add("models: expected " + expectedTotals.keySet() + ", got " + actualTotals.keySet());
    }
    expectedTotals.forEach((model, totals) -> totals.compare(model, actualTotals.get(model), out));
    return out;
  }

  private static <T extends SpecificRecord> void compareRecords(
      final String kind,
      final Map<String, T> expected,
      final Map<String, T> actual,
      final List<String> out) {
    for (final String key : expected.keySet()) {
      if (!actual.containsKey(key)) {
        out.add(kind + " " + key + ": missing");
      }
    }
    for (final String key : actual.keySet()) {
      if (!expected.containsKey(key)) {
        out.add(kind + " " + key + ": not in the baseline");
      }
    }
    expected.forEach(
        (key, e) -> {
          final T a = actual.get(key);
          if (a == null) {
            return;
          }
          for (final Schema.Field field : e.getSchema().getFields()) {
            final Object ev = e.get(field.pos());
            final Object av = a.get(field.pos());
            if (!sameValue(ev, av)) {
              out.add(kind + " " + key + " ." + field.name() + ": expected " + ev + ", got " + av);
            }
          }
        });
  }

  private static boolean sameValue(final Object expected, final Object actual) {
    if (expected instanceof Double e && actual instanceof Double a) {
      return closeEnough(e, a);
    }
    if (expected instanceof Float e && actual instanceof Float a) {
      return closeEnough(e, a);
    }
    return Objects.equals(
        expected == null ? null : expected.toString(), actual == null ? null : actual.toString());
  }

  static boolean closeEnough(final double expected, final double actual) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    return Math.abs(expected - actual)
        <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
  }

  /** Per-model totals over the final windows. */
  record Totals(Map<String, Long> counts, Map<String, Double> sums) {
    void compare(final String model, final Totals actual, final List<String> out) {
      if (actual == null) {
        return;
      }
      counts.forEach(
          (name, value) -> {
            if (!value.equals(actual.counts.get(name))) {
              out.add(
                  "model "
                      + model
                      + " "
                      + name
                      + ": expected "
                      + value
                      + ", got "
                      + actual.counts.get(name));
            }
          });
      sums.forEach(
          (name, value) -> {
            if (!closeEnough(value, actual.sums.get(name))) {
              out.add(
                  "model "
                      + model
                      + " "
                      + name
                      + ": expected "
                      + value
                      + ", got "
                      + actual.sums.get(name));
            }
          });
    }
  }

  private static final Map<String, ToLongFunction<ModelImpactWindow>> COUNTS =
      Map.of(
          "windows", w -> 1L,
          "requests", ModelImpactWindow::getRequests,
          "estimatedRequests", ModelImpactWindow::getEstimatedRequests,
          "inputTokens", ModelImpactWindow::getInputTokens,
          "outputTokens", ModelImpactWindow::getOutputTokens);

  private static final Map<String, ToDoubleFunction<ModelImpactWindow>> SUMS =
      Map.of(
          "gpuEnergyJoules", ModelImpactWindow::getGpuEnergyJoules,
          "idleEnergyJoules", ModelImpactWindow::getIdleEnergyJoules,
          "serverEnergyJoules", ModelImpactWindow::getServerEnergyJoules,
          "facilityEnergyJoules", ModelImpactWindow::getFacilityEnergyJoules,
          "operationalEmissionsGrams", ModelImpactWindow::getOperationalEmissionsGrams,
          "embodiedEmissionsGrams", ModelImpactWindow::getEmbodiedEmissionsGrams,
          "waterLitres", ModelImpactWindow::getWaterLitres);

  static Map<String, Totals> totalsByModel(final Map<String, ModelImpactWindow> windows) {
    final Function<ModelImpactWindow, String> modelOf = w -> w.getModel().toString();
    final Map<String, Totals> totals = new TreeMap<>();
    for (final ModelImpactWindow w : windows.values()) {
      final Totals t =
          totals.computeIfAbsent(
              modelOf.apply(w), m -> new Totals(new TreeMap<>(), new TreeMap<>()));
      COUNTS.forEach((name, f) -> t.counts.merge(name, f.applyAsLong(w), Long::sum));
      SUMS.forEach((name, f) -> t.sums.merge(name, f.applyAsDouble(w), Double::sum));
    }
    return totals;
  }
}
