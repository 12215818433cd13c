package io.inferenceimpact.topology.support;

/**
 * Store keys that sort by time as strings: epoch millis zero-padded to 19 digits (negative times
 * are clamped to 0; no telemetry predates 1970), joined by {@code |}.
 */
public final class Keys {
  public static final String SEPARATOR = "|";
  private static final String ZEROS = "0000000000000000000";

  private Keys() {}

  public static String time(final long epochMillis) {
    // What String.format("%019d") gives, without parsing a format for every key.
    final String digits = Long.toString(Math.max(0, epochMillis));
    return ZEROS.substring(digits.length()) + digits;
  }

  public static long timeAt(final String key, final int field) {
    return Long.parseLong(key.split("\\|", -1)[field]);
  }

  public static String join(final String... parts) {
    return String.join(SEPARATOR, parts);
  }
}
