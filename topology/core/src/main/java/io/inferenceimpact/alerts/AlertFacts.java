package io.inferenceimpact.alerts;

/**
 * What an alert record says besides its lifecycle: labels, the judged value against the threshold
 * over a window, the human text and, for dirty grid, the zone to move to. Kept in state with the
 * episode, so that the RESOLVED record can repeat what the FIRING one was about.
 *
 * @param node the node, for telemetry alerts (null otherwise)
 */
public record AlertFacts(
    String subject,
    String model,
    String zone,
    String tenant,
    String node,
    Verdict verdict,
    long windowStartMillis,
    long windowEndMillis,
    String summary,
    String suggestedAction,
    String suggestedZone) {}
