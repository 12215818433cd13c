package io.inferenceimpact.subscribe;

import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.ImpactAlert;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The terminal form of one alert: a block of lines (status, severity, rule and subject first, then
 * labels, observed vs threshold, window, summary, suggestion, id). Status and severity are coloured
 * with ANSI codes only when asked (a terminal); otherwise the text is plain, for pipes and logs.
 * Values come out as the record carries them: units as written by the rule, times in UTC.
 */
public final class AlertFormat {
  private static final String RESET = "\u001b[0m";
  private static final String RED_BOLD = "\u001b[1;31m";
  private static final String GREEN_BOLD = "\u001b[1;32m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final MathContext FOUR_DIGITS = new MathContext(4);

  private final boolean colour;

  public AlertFormat(final boolean colour) {
    this.colour = colour;
  }

  /** The alert as lines ending with a line separator, followed by an empty line. */
  public String block(final ImpactAlert alert) {
    final List<String> lines = new ArrayList<>();
    lines.add(
        paint(pad(alert.getStatus().name(), 8), statusColour(alert.getStatus()))
            + " "
            + paint(pad(alert.getSeverity().name(), 8), severityColour(alert.getSeverity()))
            + " "
            + alert.getRule()
            + "  "
            + alert.getSubject());
    final String scope = scope(alert);
    if (!scope.isEmpty()) {
      lines.add("  " + scope);
    }
    lines.add(
        "  observed "
            + number(alert.getObserved())
            + " "
            + alert.getUnit()
            + " vs threshold "
            + number(alert.getThreshold())
            + " "
            + alert.getUnit());
    lines.add(
        "  window "
            + alert.getWindowStart()
            + " .. "
            + alert.getWindowEnd()
            + times(alert.getFiredAt(), alert.getResolvedAt()));
    lines.add("  " + alert.getSummary());
    if (alert.getSuggestedAction() != null || alert.getSuggestedZone() != null) {
      lines.add(
          "  suggested "
              + (alert.getSuggestedAction() == null ? "" : alert.getSuggestedAction())
              + (alert.getSuggestedZone() == null
                  ? ""
                  : (alert.getSuggestedAction() == null ? "" : " ")
                      + "(zone "
                      + alert.getSuggestedZone()
                      + ")"));
    }
    if (!alert.getLabels().isEmpty()) {
      final StringBuilder labels = new StringBuilder("  labels");
      new TreeMap<>(alert.getLabels())
          .forEach((k, v) -> labels.append(' ').append(k).append('=').append(v));
      lines.add(labels.toString());
    }
    lines.add("  alert " + alert.getAlertId() + "  kind " + alert.getKind());
    return String.join(System.lineSeparator(), lines)
        + System.lineSeparator()
        + System.lineSeparator();
  }

  /** A value with at most four significant digits and no exponent: 0.42, 412.3, 123500. */
  static String number(final double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(Double.toString(value))
        .round(FOUR_DIGITS)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String scope(final ImpactAlert alert) {
    final Map<String, String> parts = new java.util.LinkedHashMap<>();
    parts.put("model", alert.getModel());
    parts.put("zone", alert.getZone());
    parts.put("tenant", alert.getTenant());
    final StringBuilder text = new StringBuilder();
    parts.forEach(
        (name, value) -> {
          if (value != null) {
            text.append(text.length() == 0 ? "" : "  ").append(name).append(' ').append(value);
          }
        });
    return text.toString();
  }

  private static String times(final Instant firedAt, final Instant resolvedAt) {
    return (firedAt == null ? "" : "  fired " + firedAt)
        + (resolvedAt == null ? "" : "  resolved " + resolvedAt);
  }

  private static String pad(final String text, final int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private String paint(final String text, final String ansi) {
    return colour ? ansi + text + RESET : text;
  }

  private static String statusColour(final AlertStatus status) {
    return status == AlertStatus.RESOLVED ? GREEN_BOLD : RED_BOLD;
  }

  private static String severityColour(final AlertSeverity severity) {
    return switch (severity) {
      case CRITICAL -> RED;
      case WARNING -> YELLOW;
      case INFO -> CYAN;
    };
  }
}
