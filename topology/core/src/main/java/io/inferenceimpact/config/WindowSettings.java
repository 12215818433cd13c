package io.inferenceimpact.config;

import io.inferenceimpact.binding.ConfigNode;
import io.inferenceimpact.binding.Durations;
import java.time.Duration;

/**
 * The {@code windows} section: per-model tumbling windows, with size and grace stated explicitly.
 */
public record WindowSettings(Duration size, Duration grace) {

  static WindowSettings bind(final ConfigNode node, final EnergySettings energy) {
    final WindowSettings w =
        new WindowSettings(
            node.duration("size", Duration.ofMinutes(1)),
            node.duration("grace", Duration.ofMinutes(1)));
    if (w.size().toMillis() % energy.slotSize().toMillis() != 0) {
      node.binding()
          .problem(
              node.pathOf("size"),
              "must be a multiple of energy.slotSize ("
                  + Durations.format(energy.slotSize())
                  + "), was "
                  + Durations.format(w.size()));
    }
    node.finish();
    return w;
  }
}
