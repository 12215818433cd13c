package io.inferenceimpact.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.ImpactAlert;
import org.junit.jupiter.api.Test;

class AlertFormatTest {
  private static final String NL = System.lineSeparator();

  @Test
  void shouldPrintEveryPartOfAFiringAlertAsPlainTextWithoutColour() {
    final String block = new AlertFormat(false).block(AlertRecords.firing());

    assertThat(block)
        .isEqualTo(
            String.join(
                    NL,
                    "FIRING   CRITICAL dirty-grid  model=llama-3.1-70b,zone=DE",
                    "  model llama-3.1-70b  zone DE  tenant acme",
                    "  observed 412.3 g_per_kwh vs threshold 300 g_per_kwh",
                    "  window 2026-11-27T14:00:00Z .. 2026-11-27T14:05:00Z"
                        + "  fired 2026-11-27T14:05:02Z",
                    "  llama-3.1-70b in DE: grid at 412 gCO2e/kWh, above 300",
                    "  suggested shift traffic to a greener zone (zone FR)",
                    "  labels runbook=https://runbooks.example/dirty-grid team=ml-platform",
                    "  alert dirty-grid-DE-llama-70b-1  kind DIRTY_GRID")
                + NL
                + NL);
    assertThat(block).doesNotContain("\u001b[");
  }

  @Test
  void shouldLeaveOutWhatAnAlertDoesNotCarry() {
    final String block = new AlertFormat(false).block(AlertRecords.otherModelWarning());

    assertThat(block.lines())
        .containsExactly(
            "FIRING   WARNING  efficiency-regression  model=mistral-7b",
            "  model mistral-7b",
            "  observed 1.5 ratio vs threshold 1.2 ratio",
            "  window 2026-11-27T14:00:00Z .. 2026-11-27T14:05:00Z",
            "  mistral-7b: 1.5x the baseline Wh per 1k output tokens",
            "  alert efficiency-mistral-7b-1  kind EFFICIENCY_REGRESSION",
            "");
  }

  @Test
  void shouldShowWhenAResolvedEpisodeFiredAndResolved() {
    final String block = new AlertFormat(false).block(AlertRecords.resolved());

    assertThat(block)
        .startsWith("RESOLVED CRITICAL dirty-grid  model=llama-3.1-70b,zone=DE" + NL)
        .contains("  observed 250 g_per_kwh vs threshold 300 g_per_kwh" + NL)
        .contains("  fired 2026-11-27T14:05:02Z  resolved 2026-11-27T14:20:01Z" + NL);
  }

  @Test
  void shouldColourStatusRedWhenFiringAndGreenWhenResolvedOnlyWhenAsked() {
    final AlertFormat colour = new AlertFormat(true);

    assertThat(colour.block(AlertRecords.firing()))
        .startsWith("\u001b[1;31mFIRING  \u001b[0m \u001b[31mCRITICAL\u001b[0m dirty-grid");
    assertThat(colour.block(AlertRecords.resolved())).startsWith("\u001b[1;32mRESOLVED\u001b[0m");
    assertThat(colour.block(AlertRecords.otherModelWarning()))
        .contains("\u001b[33mWARNING \u001b[0m");
  }

  @Test
  void shouldRoundNumbersToFourSignificantDigitsWithoutExponent() {
    assertThat(AlertFormat.number(0.42)).isEqualTo("0.42");
    assertThat(AlertFormat.number(412.345)).isEqualTo("412.3");
    assertThat(AlertFormat.number(123_456.7)).isEqualTo("123500");
    assertThat(AlertFormat.number(0.000_012_345)).isEqualTo("0.00001235");
    assertThat(AlertFormat.number(0.0)).isEqualTo("0");
    assertThat(AlertFormat.number(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void shouldShowASuggestedZoneWithoutAnAction() {
    final ImpactAlert zoneOnly =
        ImpactAlert.newBuilder(AlertRecords.firing()).setSuggestedAction(null).build();

    assertThat(new AlertFormat(false).block(zoneOnly)).contains(NL + "  suggested (zone FR)" + NL);
  }
}
