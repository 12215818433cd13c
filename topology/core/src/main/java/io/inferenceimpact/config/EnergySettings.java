package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import io.inferenceimpact.binding.Durations;
import java.time.Duration;

/**
 * The {@code energy} section: how GPU energy is integrated and attributed.
 *
 * @param slotSize length of one accounting slot per GPU
 * @param maxSampleGap longest gap between power samples that is still integrated; longer makes the
 *     slot UNMEASURED (default {@link #DEFAULT_MAX_SAMPLE_GAP}, the same as {@code
 *     IntegratorConfig.DEFAULTS})
 * @param grace how late a request may arrive and still change the split of a slot
 * @param attribution how a slot's energy is shared between the requests active in it
 */
public record EnergySettings(
    Duration slotSize, Duration maxSampleGap, Duration grace, Attribution attribution) {

  /**
   * 30 s: dcgm-exporter's collect interval is commonly set between 1 s and 30 s (its default is 30
   * s), so a shorter limit would turn healthy but coarse telemetry into UNMEASURED time.
   */
  public static final Duration DEFAULT_MAX_SAMPLE_GAP = Duration.ofSeconds(30);

  /** Attribution modes: by overlap time (default) or weighted by tokens. */
  public enum Attribution {
    OVERLAP,
    TOKENS
  }

  static EnergySettings bind(final ConfigNode node) {
    final EnergySettings e =
        new EnergySettings(
            node.duration("slotSize", Duration.ofSeconds(5)),
            node.duration("maxSampleGap", DEFAULT_MAX_SAMPLE_GAP),
            node.duration("grace", Duration.ofMinutes(10)),
            node.choice("attribution", Attribution.class, Attribution.OVERLAP));
    if (e.grace().compareTo(e.slotSize()) < 0) {
      node.binding()
          .problem(
              node.pathOf("grace"),
              "must be >= energy.slotSize ("
                  + Durations.format(e.slotSize())
                  + "), was "
                  + Durations.format(e.grace()));
    }
    node.finish();
    return e;
  }
}
