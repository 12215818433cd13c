package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.GridIntensity;
import java.util.List;

/** Where polled values go: the grid.intensity topic in production, a list in tests. */
public interface GridPublisher extends AutoCloseable {
  /** Publishes all values and returns once each is acknowledged; throws if any failed. */
  void publish(List<GridIntensity> values);

  @Override
  default void close() {}
}
