package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The {@code ingest} section: limits of the validation stage (records outside them go to the DLQ
 * with a reason) and the request dedup window.
 *
 * @param maxFutureSkew how far ahead of the wall clock an event time may be
 * @param minEventTime the earliest event time accepted (records before it are treated as corrupt: a
 *     zero or seconds-for-millis timestamp lands in 1970)
 * @param maxTokens the largest token count one request may report per field (input, output, cached)
 * @param maxRequestDuration the longest a request may run from start to end
 * @param maxPowerWatts the highest power one GPU sample may report
 * @param dedupWindow how long a request id is remembered: a request re-sent within it (a retrying
 *     producer) is counted once
 */
public record IngestSettings(
    Duration maxFutureSkew,
    Instant minEventTime,
    long maxTokens,
    Duration maxRequestDuration,
    double maxPowerWatts,
    Duration dedupWindow) {

  /** 2020-01-01: before any of the GPUs and models this measures were in service. */
  public static final Instant DEFAULT_MIN_EVENT_TIME = Instant.parse("2020-01-01T00:00:00Z");

  /**
   * 10 million: above the largest context windows offered (Llama 4 Scout, 10M tokens, Meta model
   * card, April 2025); a count beyond it is a producer bug.
   */
  public static final long DEFAULT_MAX_TOKENS = 10_000_000L;

  /**
   * 5 kW: above one GB200 superchip (2 700 W, NVIDIA GB200 NVL72 spec) and any single GPU; a
   * reading beyond it is a sensor or unit error (mW sent as W).
   */
  public static final double DEFAULT_MAX_POWER_WATTS = 5_000.0;

  static IngestSettings bind(final ConfigNode node) {
    final IngestSettings i =
        new IngestSettings(
            node.duration("maxFutureSkew", Duration.ofMinutes(5)),
            instant(node, "minEventTime", DEFAULT_MIN_EVENT_TIME),
            (long) node.number("maxTokens", DEFAULT_MAX_TOKENS, 1),
            node.duration("maxRequestDuration", Duration.ofHours(1)),
            node.number("maxPowerWatts", DEFAULT_MAX_POWER_WATTS, 1),
            node.duration("dedupWindow", Duration.ofMinutes(10)));
    node.finish();
    return i;
  }

  /** An instant written as ISO-8601 ({@code 2020-01-01T00:00:00Z}) or a date (UTC midnight). */
  private static Instant instant(final ConfigNode node, final String key, final Instant fallback) {
    final String raw = node.string(key, null);
    if (raw == null) {
      return fallback;
    }
    try {
      return raw.contains("T")
          ? Instant.parse(raw)
          : LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (final DateTimeParseException e) {
      node.binding()
          .problem(
              node.pathOf(key),
              "must be a date (2020-01-01) or an ISO-8601 instant (2020-01-01T00:00:00Z), was '"
                  + raw
                  + "'");
      return fallback;
    }
  }
}
