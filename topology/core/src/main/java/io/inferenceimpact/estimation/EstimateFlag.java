package io.inferenceimpact.estimation;

/** Notes an estimate carries, for metrics, logs and readers who want to know how it was made. */
public enum EstimateFlag {
  /** The model is in no catalog: the default entry was used. */
  UNKNOWN_MODEL,
  /** The model's size is a range: the outputs carry min and max. */
  PARAMETER_RANGE,
  /** No output tokens: the method gives zero (it counts decode time and energy only). */
  NO_OUTPUT_TOKENS,
  /** The measured latency was shorter than the modelled generation time and bounded it. */
  LATENCY_BOUNDED,
  /** No measured latency: the modelled generation time was used alone. */
  NO_MEASURED_LATENCY,
  /** Estimated from published per-task energy, not from the LLM method. */
  TASK_TABLE
}
