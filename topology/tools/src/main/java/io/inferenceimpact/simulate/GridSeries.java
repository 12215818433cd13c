package io.inferenceimpact.simulate;

import java.time.Instant;

/**
 * Grid carbon intensity per zone over simulated time. The bundled {@link HourlyGridSeries} replays
 * real 2023 data; another source (e.g. a replay connector) can take its place.
 */
public interface GridSeries {

  /** One hourly value: lifecycle gCO2e/kWh and whether the source estimated it. */
  record Point(double intensityGramsPerKwh, boolean estimated) {}

  /** The value of {@code zone} for the hour that contains {@code time}. */
  Point at(String zone, Instant time);

  /** The source name to publish with the values. */
  String source();
}
