package io.inferenceimpact.alerts;

/**
 * How urgent an alert is, as written in a rule ({@code info}, {@code warning}, {@code critical}).
 */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
