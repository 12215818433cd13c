package io.inferenceimpact.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure judgements of each rule type: budget ledger, efficiency baseline, grid, telemetry. */
class RuleEvaluationTest {
  private static final RuleCommon COMMON =
      new RuleCommon("r", Severity.WARNING, Map.of(), 0.1, Duration.ofMinutes(2));
  private static final long MIN = 60_000L;

  @Test
  void shouldBreachABudgetOnlyWhenBothWindowsBurnTooFast() {
    // 24 g/day = 1 g/h; burn rate 10: the 1 h window must exceed 10 g, the 5 min one 10/12 g.
    final BudgetBurnRule rule =
        new BudgetBurnRule(
            COMMON,
            BudgetBurnRule.Per.MODEL,
            null,
            null,
            24.0,
            Duration.ofHours(1),
            Duration.ofMinutes(5),
            10.0);
    BurnLedger ledger = BurnLedger.empty();
    for (int i = 1; i <= 60; i++) {
      ledger = ledger.plus(i * MIN, 0.2, rule.longWindow()); // 12 g per hour in all
    }
    assertThat(ledger.burnRate(Duration.ofHours(1), 60 * MIN, 1.0)).isCloseTo(12.0, within(1e-9));
    assertThat(ledger.verdict(rule, 60 * MIN).breaching()).isTrue();
    // A spike long ago, quiet now: the long window burns, the short one does not.
    BurnLedger old = BurnLedger.empty().plus(10 * MIN, 20.0, rule.longWindow());
    old = old.plus(60 * MIN, 0.0, rule.longWindow());
    assertThat(old.verdict(rule, 60 * MIN).breaching()).isFalse();
    assertThat(old.verdict(rule, 60 * MIN).clear()).isTrue();
    // Windows older than the long window are dropped as new ones arrive.
    assertThat(ledger.plus(200 * MIN, 1.0, rule.longWindow()).gramsByWindowEnd()).hasSize(1);
  }

  @Test
  void shouldLearnABaselineAndJudgeOnlyAfterMinSamples() {
    final EfficiencyRule rule =
        new EfficiencyRule(COMMON, null, null, 1.3, Duration.ofHours(1), 3, 0);
    EfficiencyBaseline b = EfficiencyBaseline.empty();
    b = b.learn(3600.0, 1000, MIN, rule.baselineHalfLife()); // 1 Wh per 1k tokens
    b = b.learn(3600.0, 1000, 2 * MIN, rule.baselineHalfLife());
    assertThat(b.verdict(rule, 2.0).breaching()).isFalse(); // only 2 samples
    b = b.learn(3600.0, 1000, 3 * MIN, rule.baselineHalfLife());
    assertThat(b.whPer1kOutputTokens()).isCloseTo(1.0, within(1e-9));
    assertThat(b.verdict(rule, 1.5).breaching()).isTrue();
    assertThat(b.verdict(rule, 1.28).clear()).isFalse(); // inside the band: 1 + 0.3 × 0.9 = 1.27
    assertThat(b.verdict(rule, 1.2).clear()).isTrue();
  }

  @Test
  void shouldWeighRecentWindowsMoreInTheBaseline() {
    EfficiencyBaseline b = EfficiencyBaseline.empty();
    b = b.learn(3600.0, 1000, 0, Duration.ofHours(1)); // 1 Wh/1k, an hour before the next
    b = b.learn(7200.0, 1000, 60 * MIN, Duration.ofHours(1)); // 2 Wh/1k
    // Weights 0.5 and 1: (0.5 × 1 + 2) / 1.5 = 1.667
    assertThat(b.whPer1kOutputTokens()).isCloseTo(2.5 / 1.5, within(1e-9));
  }

  @Test
  void shouldNameTheGreenerZoneThatServesTheSameModel() {
    final DirtyGridRule rule =
        new DirtyGridRule(
            COMMON, null, 500, null, 0.3, Duration.ofHours(6), Duration.ofMinutes(15));
    final long now = 100 * MIN;
    final GridView view =
        GridView.empty()
            .withIntensity("DE", new ZoneIntensity(700, now - MIN, List.of(), null))
            .withIntensity("FR", new ZoneIntensity(50, now - MIN, List.of(), null))
            .withIntensity("PL", new ZoneIntensity(650, now - MIN, List.of(), null))
            .withServing("llama", "DE", now - MIN)
            .withServing("llama", "FR", now - 2 * MIN)
            .withServing("mixtral", "PL", now - MIN);
    final List<DirtyGridCheck.Finding> findings = DirtyGridCheck.check(rule, view, now);
    final DirtyGridCheck.Finding de =
        findings.stream().filter(f -> f.zone().equals("DE")).findFirst().orElseThrow();
    assertThat(de.verdict().breaching()).isTrue();
    assertThat(de.greenerZone()).isEqualTo("FR");
    assertThat(de.saving()).isCloseTo(1 - 50.0 / 700, within(1e-9));
    assertThat(de.subject()).isEqualTo("model=llama,zone=DE");
    // PL is dirty, but no other zone serves mixtral: nothing to shift to, no alert.
    final DirtyGridCheck.Finding pl =
        findings.stream().filter(f -> f.zone().equals("PL")).findFirst().orElseThrow();
    assertThat(pl.verdict().breaching()).isFalse();
    assertThat(pl.greenerZone()).isNull();
    // FR is clean.
    assertThat(
            findings.stream()
                .filter(f -> f.zone().equals("FR"))
                .findFirst()
                .orElseThrow()
                .verdict()
                .clear())
        .isTrue();
  }

  @Test
  void shouldCountAGreenerForecastWithinTheLookahead() {
    final DirtyGridRule rule =
        new DirtyGridRule(
            COMMON, null, 500, null, 0.3, Duration.ofHours(6), Duration.ofMinutes(15));
    final long now = 100 * MIN;
    final GridView view =
        GridView.empty()
            .withIntensity("DE", new ZoneIntensity(700, now, List.of(), null))
            .withIntensity(
                "ES",
                new ZoneIntensity(
                    600, now, List.of(new ZoneIntensity.Point(now + 120 * MIN, 100)), null))
            .withServing("llama", "DE", now)
            .withServing("llama", "ES", now);
    final DirtyGridCheck.Finding de =
        DirtyGridCheck.check(rule, view, now).stream()
            .filter(f -> f.zone().equals("DE"))
            .findFirst()
            .orElseThrow();
    assertThat(de.greenerZone()).isEqualTo("ES");
    assertThat(de.greenerFromMillis()).isEqualTo(now + 120 * MIN);
    assertThat(de.verdict().breaching()).isTrue();
  }

  @Test
  void shouldFlagAZoneAboveWhatItsForecastSaid() {
    final DirtyGridRule rule =
        new DirtyGridRule(
            COMMON, null, 900, 0.25, 0.3, Duration.ofHours(6), Duration.ofMinutes(15));
    final long now = 100 * MIN;
    final GridView view =
        GridView.empty()
            .withIntensity(
                "DE",
                new ZoneIntensity(
                    300, now - 60 * MIN, List.of(new ZoneIntensity.Point(now, 320)), null))
            .withIntensity("DE", new ZoneIntensity(450, now, List.of(), null)) // 450 > 320 × 1.25
            .withIntensity("FR", new ZoneIntensity(50, now, List.of(), null))
            .withServing("llama", "DE", now)
            .withServing("llama", "FR", now);
    final DirtyGridCheck.Finding de =
        DirtyGridCheck.check(rule, view, now).stream()
            .filter(f -> f.zone().equals("DE"))
            .findFirst()
            .orElseThrow();
    assertThat(view.zones().get("DE").forecastForNow()).isEqualTo(320.0);
    assertThat(de.verdict().breaching()).isTrue();
    assertThat(de.verdict().threshold()).isCloseTo(400.0, within(1e-9));
  }

  @Test
  void shouldFlagANodeWithTrafficButNoSamples() {
    final StaleTelemetryRule rule = new StaleTelemetryRule(COMMON, null, Duration.ofMinutes(1));
    final NodeWatch watch = NodeWatch.empty().sample(0).request(90_000);
    assertThat(watch.verdict(rule, 90_000).breaching()).isTrue();
    assertThat(watch.verdict(rule, 90_000).observed()).isEqualTo(90.0);
    // Samples are back.
    assertThat(watch.sample(95_000).verdict(rule, 96_000).clear()).isTrue();
    // Traffic stopped too: nothing to estimate, nothing to report.
    assertThat(watch.verdict(rule, 200_000).clear()).isTrue();
    // A node that never sent samples is estimated by design.
    assertThat(NodeWatch.empty().request(90_000).verdict(rule, 90_000).breaching()).isFalse();
  }
}
