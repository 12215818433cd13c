package io.inferenceimpact.bench.energy;

import io.inferenceimpact.attribution.ActiveRequest;
import io.inferenceimpact.attribution.SlotEnergy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One fully measured 5 s slot of 2,500 J (a 500 W GPU) and {@code requests} requests that overlap
 * it, drawn once per trial with a fixed seed: starts up to 4 s before the slot to 4.5 s into it,
 * durations 0.2 s to 6 s, 3 models, 1 to 4 GPUs, so that some requests stick out of the slot on
 * either side and, with few requests, part of the slot is idle. The list is in random order, as the
 * stream stage hands it over.
 */
@State(Scope.Benchmark)
public class SlotState {
  static final String PREVIOUS_MODEL = "model-previous";
  private static final long SLOT_START_MILLIS = GpuIntegratorState.START_MILLIS;
  private static final long SLOT_MILLIS = 5_000;

  @Param({"1", "8", "64"})
  public int requests;

  SlotEnergy slot;
  List<ActiveRequest> active;

  @Setup(Level.Trial)
  public void setUp() {
    slot =
        SlotEnergy.fullyMeasured(
            "GPU-bench-0", SLOT_START_MILLIS, SLOT_START_MILLIS + SLOT_MILLIS, 2_500.0);
    final SplittableRandom random = new SplittableRandom(7);
    final List<ActiveRequest> drawn = new ArrayList<>(requests);
    while (drawn.size() < requests) {
      final long start = SLOT_START_MILLIS - 4_000 + random.nextLong(8_500);
      final long end = start + 200 + random.nextLong(5_800);
      if (end <= SLOT_START_MILLIS) {
        continue;
      }
      drawn.add(
          new ActiveRequest(
              "req-" + random.nextLong(1_000_000_000L),
              "model-" + random.nextInt(3),
              start,
              end,
              10 + random.nextLong(4_000),
              1 + random.nextInt(4)));
    }
    active = List.copyOf(drawn);
  }
}
