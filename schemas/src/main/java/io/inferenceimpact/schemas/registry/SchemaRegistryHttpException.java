package io.inferenceimpact.schemas.registry;

/**
 * The registry answered with an HTTP error. Carries the HTTP status, the registry's {@code
 * error_code} (Confluent codes, see the constants; Apicurio answers 409 with code 0) and its
 * message. 4xx answers are never retried.
 */
public class SchemaRegistryHttpException extends SchemaRegistryException {

  // Confluent Schema Registry error codes (Confluent REST API reference, "Errors").
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

  private final int httpStatus;
  private final int errorCode;
  private final String registryMessage;

  public SchemaRegistryHttpException(
      final String context,
      final int httpStatus,
      final int errorCode,
      final String registryMessage) {
    super(context + ": HTTP " + httpStatus + ", error_code " + errorCode + ": " + registryMessage);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code}; the HTTP status when the body carried none. */
  public int errorCode() {
    return errorCode;
  }

  public String registryMessage() {
    return registryMessage;
  }

  /** 404: the subject, version or schema id does not exist. */
  public boolean isNotFound() {
    return httpStatus == 404;
  }

  /** 409: the schema is incompatible with the subject's earlier versions. */
  public boolean isIncompatible() {
    return httpStatus == 409;
  }

  /** 401 or 403: credentials missing, wrong or not allowed. */
  public boolean isAuthenticationFailure() {
    return httpStatus == 401 || httpStatus == 403;
  }
}
