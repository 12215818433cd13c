package io.inferenceimpact.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.ImpactAlert;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

  @Test
  void shouldShowTheMinimumSeverityAndEveryHigherOne() {
    final AlertFilter warning = new AlertFilter(AlertSeverity.WARNING, Set.of());

    assertThat(warning.accepts(withSeverity(AlertSeverity.INFO))).isFalse();
    assertThat(warning.accepts(withSeverity(AlertSeverity.WARNING))).isTrue();
    assertThat(warning.accepts(withSeverity(AlertSeverity.CRITICAL))).isTrue();
    assertThat(AlertFilter.ALL.accepts(withSeverity(AlertSeverity.INFO))).isTrue();
  }

  @Test
  void shouldShowOnlyTheNamedModelsWhenModelsAreGiven() {
    final AlertFilter two = new AlertFilter(AlertSeverity.INFO, Set.of("llama-3.1-70b", "phi-3"));

    assertThat(two.accepts(AlertRecords.firing())).isTrue();
    assertThat(two.accepts(AlertRecords.otherModelWarning())).isFalse();
    assertThat(two.accepts(ImpactAlert.newBuilder(AlertRecords.firing()).setModel(null).build()))
        .as("an alert about no model")
        .isFalse();
    assertThat(
            AlertFilter.ALL.accepts(
                ImpactAlert.newBuilder(AlertRecords.firing()).setModel(null).build()))
        .isTrue();
  }

  private static ImpactAlert withSeverity(final AlertSeverity severity) {
    return ImpactAlert.newBuilder(AlertRecords.firing()).setSeverity(severity).build();
  }
}
