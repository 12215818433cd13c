package io.inferenceimpact.alerts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A firing alert episode, as kept in state: its id, when it started, and since when its condition
 * has been clear (null while it is not). Stored with the rule's other state, so it survives
 * restarts through the changelog and a restarted application does not fire the episode again.
 */
public record Episode(String alertId, long firedAtMillis, Long clearSinceMillis) {

  /** A new episode of the alert keyed {@code alertKey}; the id is derived from key and start. */
  public static Episode start(final String alertKey, final long firedAtMillis) {
    final UUID id =
        UUID.nameUUIDFromBytes((alertKey + "|" + firedAtMillis).getBytes(StandardCharsets.UTF_8));
    return new Episode(id.toString(), firedAtMillis, null);
  }
}
