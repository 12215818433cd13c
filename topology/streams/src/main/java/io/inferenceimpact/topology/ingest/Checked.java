package io.inferenceimpact.topology.ingest;

import io.inferenceimpact.validation.DlqReason;

/**
 * The outcome of decoding and validating one input record: a value, or a reason and the original
 * bytes.
 */
record Checked<T>(T value, DlqReason reason, byte[] original) {

  static <T> Checked<T> valid(final T value) {
    return new Checked<>(value, null, null);
  }

  static <T> Checked<T> invalid(final DlqReason reason, final byte[] original) {
    return new Checked<>(null, reason, original);
  }

  boolean isValid() {
    return reason == null;
  }
}
