package io.inferenceimpact.validation;

import java.util.Optional;

/** A pure rule set: the first reason a decoded event is impossible, or empty when it is fine. */
@FunctionalInterface
public interface Validator<T> {
  Optional<DlqReason> check(T event, long nowMillis);
}
