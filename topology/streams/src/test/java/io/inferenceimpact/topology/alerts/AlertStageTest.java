package io.inferenceimpact.topology.alerts;

import static io.inferenceimpact.topology.alerts.AlertDriver.MIN;
import static io.inferenceimpact.topology.alerts.AlertDriver.T0;
import static io.inferenceimpact.topology.alerts.AlertDriver.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.AlertKind;
import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.ImpactAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * Every rule type through the alert stage: it fires once, stays quiet while the input flaps, and
 * resolves once — on new input or, where no input comes, on wall-clock punctuation.
 */
class AlertStageTest {

  private static void assertOneEpisode(
      final List<KeyValue<String, ImpactAlert>> records, final String key) {
    assertThat(records)
        .extracting(kv -> kv.value.getStatus())
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    assertThat(records).extracting(kv -> kv.key).containsOnly(key);
    assertThat(records.get(1).value.getAlertId()).isEqualTo(records.get(0).value.getAlertId());
    assertThat(records.get(1).value.getFiredAt()).isEqualTo(records.get(0).value.getFiredAt());
    assertThat(records.get(0).value.getResolvedAt()).isNull();
    assertThat(records.get(1).value.getResolvedAt()).isNotNull();
  }

  @Test
  void shouldFireAThresholdOnceThroughFlappingAndResolveOnce() {
    try (AlertDriver d =
        new AlertDriver(
            "threshold",
            """
            rules:
              - name: heavy
                type: threshold
                metric: emissions_grams_per_request
                above: 5
                severity: critical
                labels: {team: ml}
                resolveAfter: 2m
            """)) {
      // grams per request by minute: 6 (fires) 3 6 3 6 (flaps) then 3 for four minutes.
      final double[] grams = {60, 30, 60, 30, 60, 30, 30, 30, 30};
      for (int i = 0; i < grams.length; i++) {
        d.window("m", "DE", null, T0 + (i + 1) * MIN, 10, 1000, 3600, grams[i]);
      }
      final List<KeyValue<String, ImpactAlert>> records = d.read();
      assertOneEpisode(records, "heavy|model=m,zone=DE");
      final ImpactAlert firing = records.get(0).value;
      assertThat(firing.getKind()).isEqualTo(AlertKind.THRESHOLD);
      assertThat(firing.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
      assertThat(firing.getModel()).isEqualTo("m");
      assertThat(firing.getZone()).isEqualTo("DE");
      assertThat(firing.getObserved()).isEqualTo(6.0);
      assertThat(firing.getThreshold()).isEqualTo(5.0);
      assertThat(firing.getUnit()).isEqualTo("emissions_grams_per_request");
      assertThat(firing.getLabels()).containsEntry("team", "ml");
      assertThat(firing.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + MIN));
      assertThat(firing.getSummary()).contains("model=m,zone=DE").contains("above 5");
      assertThat(firing.getSuggestedAction()).isNotBlank();
      // Clear from minute 6 on, resolved two minutes later.
      assertThat(records.get(1).value.getResolvedAt())
          .isEqualTo(Instant.ofEpochMilli(T0 + 8 * MIN));
      assertThat(d.observed).hasSize(2);
    }
  }

  @Test
  void shouldResolveAThresholdOnTheWallClockWhenTrafficStops() {
    try (AlertDriver d =
        new AlertDriver(
            "threshold-quiet",
            """
            rules:
              - {name: heavy, type: threshold, metric: emissions_grams_per_request, above: 5}
            """)) {
      d.window("m", "DE", null, T0 + MIN, 10, 1000, 3600, 60);
      assertThat(d.read()).hasSize(1);
      d.advanceWallClock(Duration.ofMinutes(3));
      assertThat(d.read()).isEmpty(); // a missing window is not yet a quiet subject, then 2 m clear
      d.advanceWallClock(Duration.ofMinutes(3));
      final List<KeyValue<String, ImpactAlert>> resolved = d.read();
      assertThat(resolved)
          .extracting(kv -> kv.value.getStatus())
          .containsExactly(AlertStatus.RESOLVED);
      assertThat(resolved.get(0).value.getSummary()).contains("no traffic");
    }
  }

  @Test
  void shouldFireABudgetWhenBothWindowsBurnTooFast() {
    try (AlertDriver d =
        new AlertDriver(
            "budget",
            """
            rules:
              - name: budget
                type: budget-burn
                per: model
                budgetGramsPerDay: 24
                longWindow: 1h
                shortWindow: 5m
                burnRate: 14.4
            """)) {
      // 1 g per minute against 1 g per hour: the short window burns at 60x from the start, the
      // long one passes 14.4x with the 15th window.
      for (int i = 1; i <= 20; i++) {
        d.window("m", "DE", null, T0 + i * MIN, 10, 1000, 3600, 1.0);
        d.window("m", "FR", null, T0 + i * MIN, 10, 1000, 3600, 0.0);
      }
      // Then nothing burns: with one burning window left the short one reads 12x, below 14.4x less
      // the 10 % hysteresis, at minute 24; resolved 2 minutes later.
      for (int i = 21; i <= 30; i++) {
        d.window("m", "DE", null, T0 + i * MIN, 10, 1000, 3600, 0.0);
      }
      final List<KeyValue<String, ImpactAlert>> records = d.read();
      assertOneEpisode(records, "budget|model=m");
      assertThat(records.get(0).value.getFiredAt()).isEqualTo(Instant.ofEpochMilli(T0 + 15 * MIN));
      assertThat(records.get(0).value.getKind()).isEqualTo(AlertKind.BUDGET_BURN);
      assertThat(records.get(0).value.getObserved()).isEqualTo(15.0);
      assertThat(records.get(0).value.getWindowStart())
          .isEqualTo(Instant.ofEpochMilli(T0 + 15 * MIN - 60 * MIN));
      assertThat(records.get(1).value.getResolvedAt())
          .isEqualTo(Instant.ofEpochMilli(T0 + 26 * MIN));
    }
  }

  @Test
  void shouldFireAnEfficiencyRegressionAgainstTheLearnedBaseline() {
    try (AlertDriver d =
        new AlertDriver(
            "efficiency",
            """
            rules:
              - name: regression
                type: efficiency-regression
                factor: 1.3
                minSamples: 5
                minOutputTokens: 100
                resolveAfter: 2m
            """)) {
      // 3600 J per 1000 tokens = 1 Wh per 1k tokens for five windows, then twice that.
      final double[] joules = {
        3600, 3600, 3600, 3600, 3600, 7200, 7200, 3700, 7200, 3600, 3600, 3600
      };
      for (int i = 0; i < joules.length; i++) {
        d.window("m", "DE", null, T0 + (i + 1) * MIN, 10, 1000, joules[i], 1);
      }
      final List<KeyValue<String, ImpactAlert>> records = d.read();
      assertOneEpisode(records, "regression|model=m,zone=DE");
      final ImpactAlert firing = records.get(0).value;
      assertThat(firing.getFiredAt()).isEqualTo(Instant.ofEpochMilli(T0 + 6 * MIN));
      assertThat(firing.getObserved()).isEqualTo(2.0);
      assertThat(firing.getUnit()).isEqualTo("ratio");
      assertThat(firing.getSummary()).contains("baseline of 1.00");
      // The regressed windows did not teach the baseline: clear again at 1.03x from minute 8.
      assertThat(records.get(1).value.getResolvedAt())
          .isEqualTo(Instant.ofEpochMilli(T0 + 12 * MIN));
    }
  }

  @Test
  void shouldHintAtTheGreenerZoneWhileTheGridIsDirty() {
    try (AlertDriver d =
        new AlertDriver(
            "dirty",
            """
            rules:
              - name: dirty
                type: dirty-grid
                aboveGramsPerKwh: 500
                minSaving: 0.3
                resolveAfter: 2m
            """)) {
      d.request("r1", "m", "node-a", "DE", T0);
      d.request("r2", "m", "node-b", "FR", T0);
      d.grid("FR", 50, T0);
      d.grid("DE", 700, T0);
      // Flapping: in the band (480), dirty, clean, dirty, then clean for good.
      d.grid("DE", 480, T0 + MIN);
      d.grid("DE", 700, T0 + 2 * MIN);
      d.grid("DE", 300, T0 + 3 * MIN);
      d.grid("DE", 700, T0 + 4 * MIN);
      d.grid("DE", 300, T0 + 5 * MIN);
      d.request("r3", "m", "node-a", "DE", T0 + 6 * MIN);
      d.request("r4", "m", "node-b", "FR", T0 + 7 * MIN);
      final List<KeyValue<String, ImpactAlert>> records = d.read();
      assertOneEpisode(records, "dirty|model=m,zone=DE");
      final ImpactAlert firing = records.get(0).value;
      assertThat(firing.getKind()).isEqualTo(AlertKind.DIRTY_GRID);
      assertThat(firing.getSuggestedZone()).isEqualTo("FR");
      assertThat(firing.getSummary()).contains("FR").contains("93%");
      assertThat(firing.getSuggestedAction()).contains("FR");
      assertThat(firing.getObserved()).isEqualTo(700.0);
      assertThat(records.get(1).value.getResolvedAt())
          .isEqualTo(Instant.ofEpochMilli(T0 + 7 * MIN));
    }
  }

  @Test
  void shouldFlagANodeWhoseTelemetryStoppedAndResolveWhenItsTrafficStops() {
    try (AlertDriver d =
        new AlertDriver(
            "telemetry",
            """
            rules:
              - {name: silent, type: stale-telemetry, silentFor: 1m, resolveAfter: 1m}
            """)) {
      d.sample("node-1", "GPU-1", T0);
      d.sample("node-2", "GPU-2", T0);
      for (long t = 0; t <= 3 * MIN; t += 5_000) {
        d.request("a" + t, "m", "node-1", null, T0 + t);
        d.request("b" + t, "m", "node-2", null, T0 + t);
        d.sample("node-2", "GPU-2", T0 + t); // node-2 keeps reporting
      }
      final List<KeyValue<String, ImpactAlert>> firing = d.read();
      assertThat(firing).extracting(kv -> kv.key).containsExactly("silent|node=node-1");
      assertThat(firing.get(0).value.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(firing.get(0).value.getKind()).isEqualTo(AlertKind.STALE_TELEMETRY);
      assertThat(firing.get(0).value.getSummary()).contains("ESTIMATED");
      assertThat(firing.get(0).value.getLabels()).containsEntry("node", "node-1");
      assertThat(firing.get(0).value.getFiredAt()).isEqualTo(Instant.ofEpochMilli(T0 + MIN));
      // Every input stops: the wall clock alone ends the episode once traffic is gone too.
      d.advanceWallClock(Duration.ofMinutes(3));
      final List<KeyValue<String, ImpactAlert>> resolved = d.read();
      assertThat(resolved)
          .extracting(kv -> kv.value.getStatus())
          .containsExactly(AlertStatus.RESOLVED);
      assertThat(resolved.get(0).value.getAlertId()).isEqualTo(firing.get(0).value.getAlertId());
      assertThat(count(resolved, AlertStatus.FIRING)).isZero();
    }
  }

  @Test
  void shouldNotFireAgainWhenTelemetryFlickersBackBriefly() {
    try (AlertDriver d =
        new AlertDriver(
            "telemetry-flicker",
            """
            rules:
              - {name: silent, type: stale-telemetry, silentFor: 1m, resolveAfter: 2m}
            """)) {
      d.sample("node-1", "GPU-1", T0);
      for (long t = 0; t <= 6 * MIN; t += 5_000) {
        d.request("a" + t, "m", "node-1", null, T0 + t);
        // One sample at 2 min (a flicker), then silence again; samples for good from 5 min on.
        if (t == 2 * MIN || t >= 5 * MIN) {
          d.sample("node-1", "GPU-1", T0 + t);
        }
      }
      final List<KeyValue<String, ImpactAlert>> records = d.read();
      assertThat(records)
          .extracting(kv -> kv.value.getStatus())
          .containsExactly(AlertStatus.FIRING);
      // Clear since 5 min; the next sample, at 8 min, is judged 3 min into it: resolved.
      d.sample("node-1", "GPU-1", T0 + 8 * MIN);
      assertThat(d.read())
          .extracting(kv -> kv.value.getStatus())
          .containsExactly(AlertStatus.RESOLVED);
    }
  }

  @Test
  void shouldKeepATenantBudgetOverItsModelsAndZones() {
    try (AlertDriver d =
        new AlertDriver(
            "tenant-budget",
            """
            rules:
              - name: tenant-budget
                type: budget-burn
                per: tenant
                budgetGramsPerDay: 24
                burnRate: 14.4
            """)) {
      // acme burns 0.6 g per minute on each of two models: 1.2 g/min, 72x its budget's rate.
      for (int i = 1; i <= 20; i++) {
        d.window("m1", "DE", "acme", T0 + i * MIN, 10, 1000, 3600, 0.6);
        d.window("m2", "FR", "acme", T0 + i * MIN, 10, 1000, 3600, 0.6);
        d.window("m1", "DE", "frugal", T0 + i * MIN, 10, 1000, 3600, 0.001);
        d.window("m1", "DE", null, T0 + i * MIN, 20, 2000, 7200, 0.601); // all tenants: ignored
      }
      final List<KeyValue<String, ImpactAlert>> records = d.read();
      assertThat(records).extracting(kv -> kv.key).containsExactly("tenant-budget|tenant=acme");
      assertThat(records.get(0).value.getTenant()).isEqualTo("acme");
      assertThat(records.get(0).value.getModel()).isNull();
      // 1.2 g per minute passes 14.4 g in the long window with the 13th minute.
      assertThat(records.get(0).value.getFiredAt()).isEqualTo(Instant.ofEpochMilli(T0 + 13 * MIN));
    }
  }
}
