package io.inferenceimpact.dcgm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of the Prometheus text exposition format 0.0.4 as dcgm-exporter writes it: {@code #}
 * comments (HELP, TYPE), blank lines, and samples {@code name{label="value",...} value
 * [timestamp]}. Strict: a line it cannot read fails the whole scrape with its line number, so that
 * a truncated or foreign answer is never half-used.
 */
final class Exposition {

  /** One sample line: metric name, labels in order, value, and the optional timestamp in ms. */
  record Series(String name, Map<String, String> labels, double value, Long timestampMillis) {
    String label(final String key) {
      return labels.get(key);
    }
  }

  private Exposition() {}

  /**
   * Every sample line of {@code text}.
   *
   * @throws ExpositionFormatException naming the first line that is not valid exposition text
   */
  static List<Series> parse(final String text) {
    final List<Series> series = new ArrayList<>();
    final String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      final String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        series.add(new LineReader(line).read());
      } catch (final IllegalArgumentException e) {
        throw new ExpositionFormatException(i + 1, e.getMessage(), line);
      }
    }
    return series;
  }

  /** Reads one sample line, left to right. */
  private static final class LineReader {
    private final String line;
    private int pos;

    LineReader(final String line) {
      this.line = line;
    }

    Series read() {
      final String name = name();
      final Map<String, String> labels = new LinkedHashMap<>();
      if (pos < line.length() && line.charAt(pos) == '{') {
        pos++;
        labels(labels);
      }
      final String[] rest = line.substring(pos).strip().split("\\s+");
      if (rest.length == 0 || rest[0].isEmpty()) {
        throw new IllegalArgumentException("no value after the metric name");
      }
      if (rest.length > 2) {
        throw new IllegalArgumentException("unexpected text after the value: '" + rest[2] + "'");
      }
      final double value = number(rest[0]);
      Long timestamp = null;
      if (rest.length == 2) {
        try {
          timestamp = Long.parseLong(rest[1]);
        } catch (final NumberFormatException e) {
          throw new IllegalArgumentException("timestamp is not an integer: '" + rest[1] + "'");
        }
      }
      return new Series(name, Map.copyOf(labels), value, timestamp);
    }

    private String name() {
      final int start = pos;
      while (pos < line.length() && isNameChar(line.charAt(pos), pos == start)) {
        pos++;
      }
      if (pos == start) {
        throw new IllegalArgumentException("does not start with a metric name");
      }
      return line.substring(start, pos);
    }

    private void labels(final Map<String, String> labels) {
      while (true) {
        skipSpaces();
        if (pos < line.length() && line.charAt(pos) == '}') {
          pos++;
          return;
        }
        final String key = name();
        skipSpaces();
        expect('=');
        skipSpaces();
        expect('"');
        final StringBuilder value = new StringBuilder();
        while (true) {
          if (pos >= line.length()) {
            throw new IllegalArgumentException("label " + key + " has no closing quote");
          }
          final char c = line.charAt(pos++);
          if (c == '"') {
            break;
          }
          if (c == '\\' && pos < line.length()) {
            final char escaped = line.charAt(pos++);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(c);
          }
        }
        if (labels.put(key, value.toString()) != null) {
          throw new IllegalArgumentException("label " + key + " appears twice");
        }
        skipSpaces();
        if (pos < line.length() && line.charAt(pos) == ',') {
          pos++;
        } else if (pos >= line.length() || line.charAt(pos) != '}') {
          throw new IllegalArgumentException("labels are not closed with '}'");
        }
      }
    }

    private void expect(final char c) {
      if (pos >= line.length() || line.charAt(pos) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at column " + (pos + 1));
      }
      pos++;
    }

    private void skipSpaces() {
      while (pos < line.length() && line.charAt(pos) == ' ') {
        pos++;
      }
    }

    private static boolean isNameChar(final char c, final boolean first) {
      return c == '_'
          || c == ':'
          || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (!first && c >= '0' && c <= '9');
    }

    private static double number(final String text) {
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "+Inf":
          return Double.POSITIVE_INFINITY;
        case "-Inf":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(text);
          } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("value is not a number: '" + text + "'");
          }
      }
    }
  }
}
