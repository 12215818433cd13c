package io.inferenceimpact.dcgm;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.dcgm.DcgmBridgeMeters.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes a dcgm-exporter endpoint at a fixed interval and sends one {@link GpuSample} per GPU and
 * scrape. Never stops on a bad scrape: an exporter that is down, answers an error status, times out
 * or serves text that is not exposition format is logged (a WARN line when a failure streak starts
 * or its reason changes, an INFO line when scrapes work again), counted in {@link
 * DcgmBridgeMeters}, and tried again at the next tick. An energy counter that goes backwards
 * (driver reload; the exporter restarting does not reset it) is logged, counted and passed on
 * unchanged: the service integrates power across the reset.
 */
public final class DcgmBridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DcgmBridge.class);

  private final URI endpoint;
  private final String node;
  private final Duration timeout;
  private final Consumer<GpuSample> sink;
  private final DcgmBridgeMeters meters;
  private final Clock clock;
  private final HttpClient http;
  private final Map<String, Long> lastEnergy = new HashMap<>();
  private final Map<String, String> lastSkipReason = new HashMap<>();
  private Failure streak;
  private long streakLength;
  private ScheduledExecutorService ticker;

  /**
   * @param endpoint dcgm-exporter's metrics URL, e.g. {@code http://127.0.0.1:9400/metrics}
   * @param node node name for every sample, or null to use the {@code Hostname} label
   * @param timeout connect and read limit of one scrape
   * @param sink where samples go (e.g. {@code ImpactProducer::send}); it may throw, which counts as
   *     a failed scrape
   */
  public DcgmBridge(
      final URI endpoint,
      final String node,
      final Duration timeout,
      final Consumer<GpuSample> sink,
      final DcgmBridgeMeters meters,
      final Clock clock) {
    this.endpoint = endpoint;
    this.node = node;
    this.timeout = timeout;
    this.sink = sink;
    this.meters = meters;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** One scrape; returns the samples sent (0 when it failed: see the meters and the log). */
  public synchronized int scrapeOnce() {
    meters.scrape();
    final String text;
    try {
      final HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return failed(Failure.HTTP_STATUS, "answered HTTP " + response.statusCode());
      }
      text = response.body();
    } catch (final HttpTimeoutException e) {
      return failed(Failure.TIMEOUT, "did not answer within " + timeout);
    } catch (final IOException e) {
      return failed(Failure.UNREACHABLE, "cannot be reached (" + describe(e) + ")");
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
    final DcgmSamples.Result result;
    try {
      result = DcgmSamples.from(Exposition.parse(text), clock.instant(), node);
    } catch (final ExpositionFormatException e) {
      return failed(
          Failure.MALFORMED,
          "served text that is not Prometheus exposition format: " + e.getMessage());
    }
    reportSkipped(result.skipped());
    if (result.samples().isEmpty()) {
      return failed(Failure.NO_GPUS, "served no " + DcgmSamples.POWER + " line with a UUID label");
    }
    try {
      result.samples().forEach(this::send);
    } catch (final RuntimeException e) {
      return failed(Failure.SEND, "samples could not be sent (" + describe(e) + ")");
    }
    meters.samples(result.samples().size());
    if (streak != null) {
      LOG.info("dcgm-exporter at {} answers again after {} failed scrapes", endpoint, streakLength);
      streak = null;
      streakLength = 0;
    }
    return result.samples().size();
  }

  /** Scrapes every {@code interval} on a daemon thread until {@link #close}. */
  public synchronized void start(final Duration interval) {
    if (ticker != null) {
      throw new IllegalStateException("already started");
    }
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "impact-dcgm-bridge");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      scrapeOnce();
    } catch (final RuntimeException e) {
      // A bug must not end the schedule (scheduleAtFixedRate stops after an exception).
      LOG.error("dcgm-bridge: unexpected failure of a scrape; trying again next interval", e);
    }
  }

  private void send(final GpuSample sample) {
    final Long energy = sample.getEnergyMillijoulesTotal();
    if (energy != null) {
      final Long previous = lastEnergy.put(sample.getGpuUuid(), energy);
      if (previous != null && energy < previous) {
        meters.reset();
        LOG.info(
            "energy counter of {} went back from {} mJ to {} mJ (driver reload or GPU reset);"
                + " passing it on, the service integrates power across the reset",
            sample.getGpuUuid(),
            previous,
            energy);
      }
    }
    sink.accept(sample);
  }

  private void reportSkipped(final Map<String, String> skipped) {
    meters.skipped(skipped.size());
    skipped.forEach(
        (uuid, why) -> {
          if (!why.equals(lastSkipReason.put(uuid, why))) {
            LOG.warn("dcgm-exporter at {}: no sample for {}: {}", endpoint, uuid, why);
          }
        });
    lastSkipReason.keySet().retainAll(skipped.keySet());
  }

  private int failed(final Failure reason, final String what) {
    meters.failure(reason);
    streakLength++;
    if (streak != reason) {
      LOG.warn(
          "dcgm-exporter at {} {}; scrape failed ({}), trying again at the next interval",
          endpoint,
          what,
          reason.label());
      streak = reason;
    }
    return 0;
  }

  private static String describe(final Exception e) {
    final String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Stops the schedule; a scrape under way finishes. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
