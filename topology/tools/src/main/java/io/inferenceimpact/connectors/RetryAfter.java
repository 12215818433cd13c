package io.inferenceimpact.connectors;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) into a
 * wait, capped so that a hostile or broken server cannot stall a poller for hours.
 */
final class RetryAfter {
  private RetryAfter() {}

  static Duration parse(final HttpHeaders headers, final Duration cap, final Duration fallback) {
    return headers
        .firstValue("Retry-After")
        .map(v -> parse(v, Clock.systemUTC(), fallback))
        .map(d -> d.compareTo(cap) > 0 ? cap : d)
        .orElse(fallback);
  }

  /** The wait the value asks for; negative or unreadable values give the fallback. */
  static Duration parse(final String value, final Clock clock, final Duration fallback) {
    final String text = value.trim();
    if (text.matches("\\d{1,10}")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    try {
      final ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
      final Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (final DateTimeParseException e) {
      return fallback;
    }
  }
}
