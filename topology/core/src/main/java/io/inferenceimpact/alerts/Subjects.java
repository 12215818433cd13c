package io.inferenceimpact.alerts;

/**
 * Subjects of alerts ({@code model=m,zone=DE}) and the filters of rules: a null filter or {@code *}
 * matches everything, anything else matches itself only.
 */
public final class Subjects {
  private Subjects() {}

  public static boolean matches(final String filter, final String value) {
    return filter == null || filter.equals("*") || filter.equals(value);
  }

  /** {@code k1=v1,k2=v2,...} from alternating keys and values; null values are left out. */
  public static String of(final String... keysAndValues) {
    final StringBuilder s = new StringBuilder();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        s.append(s.isEmpty() ? "" : ",")
            .append(keysAndValues[i])
            .append('=')
            .append(keysAndValues[i + 1]);
      }
    }
    return s.toString();
  }

  /** The key of an alert: rule and subject, as on the compacted alerts topic. */
  public static String key(final String rule, final String subject) {
    return rule + "|" + subject;
  }
}
