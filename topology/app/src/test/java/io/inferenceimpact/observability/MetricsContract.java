package io.inferenceimpact.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names that docs/METRICS.md promises: every {@code impact_*} name written in code
 * quotes there, plus the Micrometer families it names ({@code kafka_*}, {@code jvm_*}, {@code
 * process_*}). A histogram or summary (its row says so) also exports its {@code _bucket}, {@code
 * _count}, {@code _sum} and {@code _max} series.
 */
final class MetricsContract {
  private static final Pattern NAME = Pattern.compile("`(impact_[a-z0-9_]+)`");
  private static final List<String> FAMILIES = List.of("kafka_", "jvm_", "process_");
  private static final List<String> HISTOGRAM_SUFFIXES =
      List.of("_bucket", "_count", "_sum", "_max");

  private final Set<String> names;
  private final Set<String> histograms;

  private MetricsContract(final Set<String> names, final Set<String> histograms) {
    this.names = names;
    this.histograms = histograms;
  }

  static MetricsContract load(final Path metricsDoc) {
    try {
      final Set<String> names = new TreeSet<>();
      final Set<String> histograms = new TreeSet<>();
      for (final String line : Files.readAllLines(metricsDoc)) {
        final Matcher m = NAME.matcher(line);
        while (m.find()) {
          names.add(m.group(1));
          if (line.contains("histogram") || line.contains("summary")) {
            histograms.add(m.group(1));
          }
        }
      }
      return new MetricsContract(names, histograms);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Set<String> names() {
    return names;
  }

  boolean exports(final String metric) {
    if (names.contains(metric) || FAMILIES.stream().anyMatch(metric::startsWith)) {
      return true;
    }
    return HISTOGRAM_SUFFIXES.stream()
        .anyMatch(
            s ->
                metric.endsWith(s)
                    && histograms.contains(metric.substring(0, metric.length() - s.length())));
  }
}
