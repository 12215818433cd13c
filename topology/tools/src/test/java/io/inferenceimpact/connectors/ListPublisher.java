package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.GridIntensity;
import java.util.ArrayList;
import java.util.List;

/** Keeps what the poller publishes, in order. */
final class ListPublisher implements GridPublisher {
  private final List<GridIntensity> published = new ArrayList<>();

  @Override
  public synchronized void publish(final List<GridIntensity> values) {
    published.addAll(values);
  }

  synchronized List<GridIntensity> published() {
    return List.copyOf(published);
  }
}
