package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code zones} section: which grid zone to assume when nothing says, and the static annual
 * factors used when a zone's live intensity is missing or older than {@code stalenessLimit}.
 *
 * @param defaultZone zone of energy whose node and request name none
 * @param worldFallbackGramsPerKwh factor for zones without their own fallback, gCO2e/kWh
 * @param fallbackGramsPerKwh annual factor per zone, gCO2e/kWh (configured entries add to or
 *     replace the built-ins)
 * @param stalenessLimit age after which a live intensity is no longer trusted
 * @param intensityHistory how long past intensity values are kept for as-of joins of late energy;
 *     null: derived from the energy and windows graces (see {@code GridStage#historyRetention})
 * @param intensityWait how long, in event time, an ESTIMATED request waits for its zone's intensity
 *     values before it is priced, so that a value published shortly after the request ended (a
 *     poller publishes every few minutes) still prices it; a quiet stream is flushed by the wall
 *     clock after it. Zero: priced at once with what is known
 */
public record ZoneSettings(
    String defaultZone,
    double worldFallbackGramsPerKwh,
    Map<String, Double> fallbackGramsPerKwh,
    Duration stalenessLimit,
    Duration intensityHistory,
    Duration intensityWait) {

  /** Default of {@code intensityWait}: the grid poller's default interval. */
  public static final Duration DEFAULT_INTENSITY_WAIT = Duration.ofMinutes(5);

  /**
   * Annual electricity-mix factors in gCO2e/kWh (Our World in Data / ADEME / WRI, as used by
   * EcoLogits v0.9): world 473.01, USA 383.55, France 44.18, Sweden 35.82, Germany 344.14, Great
   * Britain 210.89, India 708.32.
   */
  public static final Map<String, Double> BUILT_IN_FALLBACKS =
      Map.of("US", 383.55, "FR", 44.18, "SE", 35.82, "DE", 344.14, "GB", 210.89, "IN", 708.32);

  public static final double WORLD_GRAMS_PER_KWH = 473.01;

  public ZoneSettings {
    fallbackGramsPerKwh = Collections.unmodifiableMap(new TreeMap<>(fallbackGramsPerKwh));
  }

  static ZoneSettings bind(final ConfigNode node) {
    final Map<String, Double> fallbacks = new TreeMap<>(BUILT_IN_FALLBACKS);
    final String defaultZone = node.string("defaultZone", "WORLD");
    final double world = node.number("worldFallbackGramsPerKwh", WORLD_GRAMS_PER_KWH, 0.0);
    fallbacks.putAll(node.numbers("fallbackGramsPerKwh", 0.0));
    final Duration staleness = node.duration("stalenessLimit", Duration.ofHours(2));
    final Duration history = node.duration("intensityHistory", null);
    final Duration wait = node.durationOrZero("intensityWait", DEFAULT_INTENSITY_WAIT);
    node.finish();
    return new ZoneSettings(defaultZone, world, fallbacks, staleness, history, wait);
  }

  /** Whether the zone has its own annual factor (built in or configured). */
  public boolean hasFallback(final String zone) {
    return fallbackGramsPerKwh.containsKey(zone);
  }

  /** The annual factor for the zone, else the world's. */
  public double fallbackFor(final String zone) {
    return fallbackGramsPerKwh.getOrDefault(zone, worldFallbackGramsPerKwh);
  }
}
