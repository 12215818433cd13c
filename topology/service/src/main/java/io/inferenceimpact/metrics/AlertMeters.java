package io.inferenceimpact.metrics;

import io.inferenceimpact.avro.ImpactAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert meters (docs/METRICS.md, "Pipeline health"): {@code impact_alert_transitions_total}
 * counts every FIRING and RESOLVED record; {@code impact_alerts_firing} counts the episodes that
 * fired and have not resolved, by episode id, so that a FIRING told twice (a retried task) counts
 * once and a RESOLVED of an episode this instance never saw fire (it fired before a restart) does
 * not drive the gauge below zero. At most {@value #MAX_OPEN_EPISODES} open episodes are tracked.
 */
final class AlertMeters {
  static final int MAX_OPEN_EPISODES = 10_000;
  private static final int MAX_RULES = 200;
  private static final Logger LOG = LoggerFactory.getLogger(AlertMeters.class);

  private final MeterRegistry registry;
  private final BoundedLabel rules = new BoundedLabel(MAX_RULES);
  private final Map<Tags, AtomicInteger> firing = new ConcurrentHashMap<>();
  private final Map<Tags, Counter> transitions = new ConcurrentHashMap<>();
  private final Map<String, Tags> openEpisodes = new ConcurrentHashMap<>();
  private volatile boolean warnedFull;

  AlertMeters(final MeterRegistry registry) {
    this.registry = registry;
  }

  void record(final ImpactAlert alert) {
    final String severity = orDefault(Amounts.name(alert.getSeverity()), "WARNING");
    final String status = orDefault(Amounts.name(alert.getStatus()), "FIRING");
    final Tags tags = Tags.of("rule", rules.of(alert.getRule()), "severity", severity);
    transitions
        .computeIfAbsent(
            tags.and("status", status),
            t ->
                Counter.builder("impact.alert.transitions")
                    .description(MeterHelp.of("impact.alert.transitions"))
                    .tags(t)
                    .register(registry))
        .increment();
    final String episode = alert.getAlertId() == null ? "" : alert.getAlertId();
    if (status.equals("RESOLVED")) {
      final Tags opened = openEpisodes.remove(episode);
      if (opened != null) {
        firing.get(opened).decrementAndGet();
      }
    } else {
      final AtomicInteger gauge = firing.computeIfAbsent(tags, this::register);
      if (openEpisodes.size() >= MAX_OPEN_EPISODES && !openEpisodes.containsKey(episode)) {
        if (!warnedFull) {
          warnedFull = true;
          LOG.warn(
              "More than {} alert episodes firing at once; impact_alerts_firing undercounts",
              MAX_OPEN_EPISODES);
        }
        return;
      }
      if (openEpisodes.putIfAbsent(episode, tags) == null) {
        gauge.incrementAndGet();
      }
    }
  }

  private AtomicInteger register(final Tags tags) {
    final AtomicInteger count = new AtomicInteger();
    Gauge.builder("impact.alerts.firing", count, AtomicInteger::get)
        .description(MeterHelp.of("impact.alerts.firing"))
        .tags(tags)
        .register(registry);
    return count;
  }

  private static String orDefault(final String value, final String fallback) {
    return value == null ? fallback : value;
  }
}
