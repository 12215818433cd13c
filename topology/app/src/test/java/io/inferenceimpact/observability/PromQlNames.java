package io.inferenceimpact.observability;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a full parser: it blanks out what cannot hold a
 * metric name (string literals, label matchers, range and subquery brackets, the label lists of
 * {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/{@code group_right},
 * {@code offset} durations), then takes every identifier that is neither a keyword nor followed by
 * an opening parenthesis (a function or aggregation). Grafana variables inside brackets and strings
 * go with them.
 */
final class PromQlNames {
  private static final Pattern STRINGS =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern BRACES = Pattern.compile("\\{[^{}]*}");
  private static final Pattern BRACKETS = Pattern.compile("\\[[^\\[\\]]*]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile(
          "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern OFFSET =
      Pattern.compile("\\boffset\\s+-?[0-9a-z]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![0-9.$])\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "inf",
          "nan",
          "atan2");

  private PromQlNames() {}

  static Set<String> metricNames(final String expr) {
    String text = STRINGS.matcher(expr).replaceAll("\"\"");
    text = BRACES.matcher(text).replaceAll(" ");
    String previous;
    do {
      previous = text;
      text = BRACKETS.matcher(text).replaceAll(" ");
    } while (!text.equals(previous));
    text = LABEL_LISTS.matcher(text).replaceAll(" ");
    text = OFFSET.matcher(text).replaceAll(" ");
    final Set<String> names = new TreeSet<>();
    final Matcher m = IDENTIFIER.matcher(text);
    while (m.find()) {
      final String name = m.group(1);
      final boolean call = m.group(2) != null;
      if (!call && !KEYWORDS.contains(name.toLowerCase())) {
        names.add(name);
      }
    }
    return names;
  }
}
