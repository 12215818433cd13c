package io.inferenceimpact.binding;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as written in configuration: ISO-8601 ({@code PT5S}, {@code P1D}) or the short
 * forms {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d} (decimals allowed: {@code
 * 1.5h}). A bare number is rejected because its unit would be a guess.
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** Returns the duration, or empty when the text is neither ISO-8601 nor a short form. */
  public static Optional<Duration> parse(final String text) {
    if (text == null) {
      return Optional.empty();
    }
    final String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.startsWith("p") || trimmed.startsWith("-p")) {
      try {
        return Optional.of(Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
      } catch (final DateTimeParseException e) {
        return Optional.empty();
      }
    }
    final Matcher m = SIMPLE.matcher(trimmed);
    if (!m.matches()) {
      return Optional.empty();
    }
    final BigDecimal amount = new BigDecimal(m.group(1));
    final long unitMillis =
        switch (m.group(2)) {
          case "ms" -> 1L;
          case "s" -> 1_000L;
          case "m" -> 60_000L;
          case "h" -> 3_600_000L;
          default -> 86_400_000L;
        };
    return Optional.of(
        Duration.ofMillis(amount.multiply(BigDecimal.valueOf(unitMillis)).longValue()));
  }

  /** The short form used in printouts: {@code 5s}, {@code 10m}, else ISO-8601. */
  public static String format(final Duration duration) {
    final long millis = duration.toMillis();
    if (millis != 0 && millis % 86_400_000L == 0) {
      return millis / 86_400_000L + "d";
    }
    if (millis != 0 && millis % 3_600_000L == 0) {
      return millis / 3_600_000L + "h";
    }
    if (millis != 0 && millis % 60_000L == 0) {
      return millis / 60_000L + "m";
    }
    if (millis % 1_000L == 0) {
      return millis / 1_000L + "s";
    }
    return millis + "ms";
  }
}
