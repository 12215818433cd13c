package io.inferenceimpact.validation;

/**
 * Why a record went to the dead-letter topic; {@link #code()} is the value of the reason header.
 */
public enum DlqReason {
  UNDECODABLE("undecodable"),
  MISSING_ID("missing-id"),
  EMPTY_MODEL("empty-model"),
  /** A request naming a blank GPU UUID or more than {@link RequestValidator#MAX_GPUS} GPUs. */
  INVALID_GPUS("invalid-gpus"),
  NEGATIVE_TOKENS("negative-tokens"),
  END_BEFORE_START("end-before-start"),
  FUTURE_TIME("future-time"),
  /** An event time before {@code ingest.minEventTime}: a zero or mis-scaled timestamp. */
  TOO_OLD("too-old"),
  /** A token count above {@code ingest.maxTokens}. */
  ABSURD_TOKENS("absurd-tokens"),
  /** A request that ran longer than {@code ingest.maxRequestDuration}. */
  ABSURD_DURATION("absurd-duration"),
  /** Power that is not a number, negative, or above {@code ingest.maxPowerWatts}. */
  INVALID_POWER("invalid-power"),
  INVALID_ENERGY("invalid-energy"),
  INVALID_UTILISATION("invalid-utilisation"),
  EMPTY_ZONE("empty-zone"),
  INVALID_INTENSITY("invalid-intensity"),
  /** A request that arrived after every slot it ran in was final (beyond the energy grace). */
  LATE("late"),
  /**
   * A request with no GPU telemetry that no method can estimate: a task without a published figure
   * and no output tokens for the LLM method.
   */
  UNESTIMABLE("unestimable");

  private final String code;

  DlqReason(final String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
