package io.inferenceimpact.connectors;

import io.inferenceimpact.avro.GridIntensity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one connector for each zone, publishes what is new (no publish for an unchanged value) and
 * keeps going when a zone fails: failures are counted in {@link GridMetrics} and logged
 * rate-limited; nothing of a failed poll is published. {@link #pollOnce()} for cron and tests,
 * {@link #start(Duration)} for the service.
 */
public final class GridPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GridPoller.class);

  /** What one round did. */
  public record Round(int published, int unchanged, List<String> failedZones) {}

  private final GridConnector connector;
  private final List<String> zones;
  private final GridPublisher publisher;
  private final GridMetrics metrics;
  private final Clock clock;
  private final PublishedValues published = new PublishedValues();
  private final FailureLog failureLog;
  private ScheduledExecutorService scheduler;

  public GridPoller(
      final GridConnector connector,
      final List<String> zones,
      final GridPublisher publisher,
      final GridMetrics metrics,
      final Clock clock) {
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("no zones to poll");
    }
    this.connector = connector;
    this.zones = List.copyOf(zones);
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
    this.failureLog = new FailureLog(LOG, Duration.ofMinutes(5));
  }

  /** Polls every zone once. */
  public synchronized Round pollOnce() {
    int sent = 0;
    int same = 0;
    final List<String> failed = new java.util.ArrayList<>();
    for (final String zone : zones) {
      final String name = connector.name();
      try {
        final List<GridIntensity> values = connector.poll(zone);
        final List<GridIntensity> fresh = values.stream().filter(published::isNew).toList();
        if (!fresh.isEmpty()) {
          publisher.publish(fresh);
          fresh.forEach(published::remember);
        }
        metrics.published(name, zone, fresh.size());
        metrics.unchanged(name, zone, values.size() - fresh.size());
        metrics.success(name, zone, clock.millis());
        failureLog.succeeded(zone);
        sent += fresh.size();
        same += values.size() - fresh.size();
      } catch (final GridSourceException e) {
        metrics.failure(name, zone, e.kind());
        failureLog.failed(zone, clock.millis(), e);
        failed.add(zone);
      } catch (final RuntimeException e) {
        metrics.failure(name, zone, "publish");
        failureLog.failed(zone, clock.millis(), e);
        failed.add(zone);
      }
    }
    return new Round(sent, same, List.copyOf(failed));
  }

  /** Polls now and then every {@code interval} (after the previous round ends), until closed. */
  public synchronized void start(final Duration interval) {
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread thread = new Thread(r, "grid-poller-" + connector.name());
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pollQuietly() {
    try {
      pollOnce();
    } catch (final RuntimeException e) {
      LOG.error("grid poll round failed", e);
    }
  }

  @Override
  public void close() {
    final ScheduledExecutorService running;
    synchronized (this) {
      running = scheduler;
    }
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(10, TimeUnit.SECONDS);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
