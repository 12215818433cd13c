package io.inferenceimpact.attribution;

/** How the active part of a slot's energy is split among the requests running in it. */
public enum AttributionMode {
  /** Share proportional to the request's overlap time with the slot (default). */
  TIME_OVERLAP,
  /**
   * Share proportional to overlap time × the request's token rate (tokens / request duration), so a
   * request pushing more tokens through the GPU at the same time gets more. Falls back to {@link
   * #TIME_OVERLAP} in a slot where every active request reports zero tokens.
   */
  TOKEN_WEIGHTED
}
