package io.inferenceimpact.schemas.registry;

/** Compatibility levels of the Confluent Schema Registry API (the names are the wire values). */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE
}
