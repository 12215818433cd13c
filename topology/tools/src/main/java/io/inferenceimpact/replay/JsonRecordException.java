package io.inferenceimpact.replay;

/**
 * A JSON value that does not fit the Avro schema it is converted to. {@link #field()} is the path
 * of the offending field ({@code forecast[2].valid_from}), empty for the whole value.
 */
public final class JsonRecordException extends Exception {
  private final String field;

  public JsonRecordException(final String field, final String message) {
    super(field.isEmpty() ? message : "field '" + field + "': " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
