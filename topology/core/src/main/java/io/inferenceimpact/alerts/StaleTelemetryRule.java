package io.inferenceimpact.alerts;

import java.time.Duration;

/**
 * Missing telemetry: fires for a node that has request traffic but sent no GPU sample for {@code
 * silentFor}. The attribution stage already switches such requests to ESTIMATED energy; the alert
 * says so.
 *
 * @param node only this node (null: every node)
 * @param silentFor how long without GPU samples, while requests keep coming, counts as missing
 */
public record StaleTelemetryRule(RuleCommon common, String node, Duration silentFor)
    implements AlertRule {

  @Override
  public RuleType type() {
    return RuleType.STALE_TELEMETRY;
  }
}
